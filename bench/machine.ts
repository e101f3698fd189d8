// What the bench ran on, printed at the head of its report: absolute figures mean nothing without it, and a
// loaded machine (load average at start) explains a surprising run.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  database: string;
  load: string;
}

/** Read at the start of the run, before any load; `databaseUrl` unset means the embedded PGlite. */
export async function describeMachine(databaseUrl: string | undefined): Promise<Machine> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  return {
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    database: databaseUrl ? await postgresVersion(databaseUrl) : pgliteVersion(),
    load,
  };
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SHOW server_version');
    return `PostgreSQL ${String(rows[0].server_version).split(' ')[0]}`;
  } finally {
    await client.end();
  }
}

function pgliteVersion(): string {
  const manifest = new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return `PGlite ${version} (embedded)`;
}

export function machineLine(m: Machine): string {
  return `${m.date}, on ${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.database}; load average at start ${m.load}`;
}

// Measures one part of the PostgreSQL bench at a time and what each request costs in CPU: the server, the
// database's backends and the load generator (this process), read from /proc. On a shared machine the
// throughput drifts with the neighbours' work; CPU time per request drifts much less, so compare that.
//
//   DATABASE_URL=postgres://… node --import tsx bench/profile.ts session submit file
//
// Parts: `session` (the fiche for a visitor with a session), `submit` (dossier submissions as shipped: held for
// the request's fee), `file` (the same form without fee: filed at once; bench/submissions.ts).
// BENCH_SECONDS (8) and CONNS (10) as in bench/run.ts. To look inside the server while the load runs:
// PROF_DIR=dir (V8's --cpu-prof, written when the server stops), or PERF_MAP=1 PERF_OUT=file (Linux perf,
// on-CPU samples with the kernel's share). KEEP_DB=1 leaves the bench database in place to replay statements.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { testDatabase } from '../test/support/app.ts';
import { guichetEnv, startServer } from './server.ts';
import { benchSubmissions, publishWithoutFee } from './submissions.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.CONNS ?? 10);
const parts = process.argv.slice(2);

/** CPU seconds (user + system) used so far by each process whose command line matches. */
function cpuOf(match: (cmdline: string, pid: number) => boolean): Map<string, number> {
  const used = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!match(cmd, Number(pid))) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      used.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The process ended meanwhile.
    }
  }
  return used;
}

/** CPU seconds used between two readings by the processes alive at the second (a connection closed meanwhile is left out). */
function cpuBetween(a: Map<string, number>, b: Map<string, number>): number {
  let seconds = 0;
  for (const [pid, t] of b) seconds += t - (a.get(pid) ?? 0);
  return seconds;
}

const dataDir = await mkdtemp(join(tmpdir(), 'guichet-profile-'));
const pgdb = await testDatabase();
await pgdb.database.close();
if (!pgdb.url) throw new Error('bench/profile.ts measures PostgreSQL: set DATABASE_URL');
// V8's profiler or perf's symbol map, when asked: flags of the server's node, not of this process.
const flags = process.env.PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF_DIR}`] : process.env.PERF_MAP ? ['--perf-basic-prof'] : [];
const server = await startServer('src/main.ts', guichetEnv(dataDir, pgdb.url), flags);
const { child, url: base } = server;
const dbName = new URL(pgdb.url).pathname.slice(1);
const self = () => new Map([['self', (process.cpuUsage().user + process.cpuUsage().system) / 1e6]]);
const readings = () => ({ server: cpuOf((_, pid) => pid === child.pid), postgres: cpuOf((cmd) => cmd.includes(dbName)), generator: self() });

/** Runs a load; `loadStarts` is called when the measured part begins (after warm-up and preparation). */
async function measured<T>(name: string, run: (loadStarts: () => void) => Promise<T & { n: number }>): Promise<T> {
  let before = readings();
  const result = await run(() => {
    before = readings();
    if (process.env.PERF_OUT) {
      const out = `${process.env.PERF_OUT}.${name.split(' ')[0]}`;
      spawn('perf', ['record', '-g', '-F', '999', '-p', String(child.pid), '-o', out, '--', 'sleep', String(SECONDS - 1)], { stdio: 'ignore' });
    }
  });
  const after = readings();
  const ms = (k: keyof typeof before) => ((cpuBetween(before[k], after[k]) * 1000) / result.n).toFixed(2);
  console.log(`${name}: CPU ms per request: server ${ms('server')}, PostgreSQL ${ms('postgres')}, load generator ${ms('generator')}`);
  return result;
}

try {
  await fetch(`${base}/demarches/extrait-casier-judiciaire`);
  if (parts.includes('session')) {
    const cookie = ((await fetch(`${base}/connexion`)).headers.get('set-cookie') ?? '').split(';')[0]!;
    const opts = { url: `${base}/demarches/extrait-casier-judiciaire`, connections: CONNECTIONS, headers: { 'accept-encoding': 'br', cookie } };
    await autocannon({ ...opts, duration: 2 });
    const r = await measured('session fiche', async (loadStarts) => {
      loadStarts();
      const r = await autocannon({ ...opts, duration: SECONDS });
      return { ...r, n: r.requests.total };
    });
    console.log(`session fiche: ${Math.round(r.requests.average)} requests/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.errors + r.non2xx} errors`);
  }
  // `submit` as shipped (the request's fee holds each dossier for its payment), then `file`: the same form
  // published without its fee, each submission filed at once (bench/submissions.ts). In that order only.
  for (const part of ['submit', 'file'] as const) {
    if (!parts.includes(part)) continue;
    if (part === 'file') await publishWithoutFee(pgdb.url);
    const name = part === 'submit' ? 'submissions (held for the fee)' : 'submissions (filed)';
    const s = await measured(name, async (loadStarts) => {
      const s = await benchSubmissions(base, pgdb.url!, SECONDS, CONNECTIONS, loadStarts);
      return { ...s, n: s.submitted };
    });
    console.log(`${name}: ${Math.round(s.rps)}/s, p50 ${s.p50} ms, p99 ${s.p99} ms, ${s.errors} errors, ${s.filed} filed, ${s.held} held`);
  }
} finally {
  await server.stop();
  if (process.env.KEEP_DB) console.log(`database kept: ${pgdb.url}`);
  else await pgdb.drop();
  await rm(dataDir, { recursive: true, force: true });
}

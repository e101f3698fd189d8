// Scratch harness (not part of `npm run bench`): starts Guichet like bench/run.ts does, optionally under
// `--cpu-prof`, and loads one part: `session` (the fiche with a session) and/or `submit` (submissions).
//   DATABASE_URL=… node --import tsx bench/profile.ts session submit   (PROF_DIR=/tmp/x to profile)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) used so far by each process whose command line matches. */
function cpuOf(match: (cmdline: string, pid: number) => boolean): Map<string, number> {
  const used = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!match(cmd, Number(pid))) continue;
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      used.set(pid, (Number(f[11]) + Number(f[12])) / 100);
    } catch {}
  }
  return used;
}

/** CPU seconds used between two readings, by processes alive at the second (a connection closed meanwhile is left out). */
function cpuBetween(a: Map<string, number>, b: Map<string, number>): number {
  let s = 0;
  for (const [pid, t] of b) s += t - (a.get(pid) ?? 0);
  return s;
}
import autocannon from 'autocannon';
import { testDatabase } from '../test/support/app.ts';
import { benchSubmissions } from './submissions.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROOT = new URL('..', import.meta.url).pathname;
const parts = process.argv.slice(2);

function start(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const prof = process.env.PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF_DIR}`] : process.env.PERF_MAP ? ['--perf-basic-prof'] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /Guichet ready on http:\/\/[^:]+:(\d+)/.exec(out);
      if (ready) resolve({ child, port: Number(ready[1]) });
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

const dataDir = await mkdtemp(join(tmpdir(), 'guichet-prof-'));
const pgdb = await testDatabase();
await pgdb.database.close();
const { child, port } = await start({
  PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', SEED_DEMO: 'true', DATA_DIR: dataDir, LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000', WORKER: 'false', DATABASE_URL: pgdb.url!,
});
const g = `http://127.0.0.1:${port}`;
if (process.env.PERF_MAP) console.log(`server pid ${child.pid}`);
const dbName = new URL(pgdb.url!).pathname.slice(1);
const me = () => new Map([['me', process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6]]);
const cpu = () => ({ node: cpuOf((_, pid) => pid === child.pid), pg: cpuOf((c) => c.includes(dbName)), me: me() });
async function measured<T extends { n: number }>(name: string, run: (restart: () => void) => Promise<T>) {
  let a = cpu();
  // PERF_OUT=file: on-CPU samples of the server (kernel included) while the load runs; needs PERF_MAP=1.
  const perf = () =>
    process.env.PERF_OUT &&
    spawn('perf', ['record', '-g', '-F', '999', '-p', String(child.pid), '-o', `${process.env.PERF_OUT}.${name.split(' ')[0]}`, '--', 'sleep', String(SECONDS - 1)], { stdio: 'ignore' });
  const r = await run(() => {
    a = cpu();
    perf();
  });
  const b = cpu();
  const per = (k: 'node' | 'pg' | 'me') => ((cpuBetween(a[k], b[k]) * 1000) / r.n).toFixed(2);
  console.log(`${name}: CPU ms per request: node ${per('node')}, PostgreSQL backends ${per('pg')}, load generator ${per('me')}`);
  return r;
}
try {
  await fetch(`${g}/demarches/extrait-casier-judiciaire`);
  if (parts.includes('session')) {
    const cookie = ((await fetch(`${g}/connexion`)).headers.get('set-cookie') ?? '').split(';')[0]!;
    const opts = { url: `${g}/demarches/extrait-casier-judiciaire`, connections: Number(process.env.CONNS ?? 10), headers: { 'accept-encoding': 'br', cookie } };
    await autocannon({ ...opts, duration: 2 });
    const r = await measured('session fiche', async (restart) => {
      restart();
      const r = await autocannon({ ...opts, duration: SECONDS });
      return { ...r, n: r.requests.total };
    });
    console.log(`session fiche: ${Math.round(r.requests.average)} req/s p50 ${r.latency.p50} p99 ${r.latency.p99} errors ${r.errors + r.non2xx}`);
  }
  if (parts.includes('submit')) {
    const s = await measured('submissions', async (restart) => {
      const s = await benchSubmissions(g, pgdb.url!, SECONDS, Number(process.env.CONNS ?? 10), restart);
      return { ...s, n: s.submitted };
    });
    console.log(`submissions: ${Math.round(s.rps)}/s p50 ${s.p50} p99 ${s.p99} errors ${s.errors} submitted ${s.submitted}`);
  }
} finally {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
  if (process.env.KEEP_DB) console.log(`kept database ${pgdb.url}`);
  else await pgdb.drop();
  await rm(dataDir, { recursive: true, force: true });
}

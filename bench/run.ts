// `npm run bench`: measures Guichet's citizen pages against a bare Fastify route on this machine and
// writes docs/performance.md. Each server runs in its own process; autocannon loads it from this one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import autocannon from 'autocannon';
import { testDatabase } from '../test/support/app.ts';
import { benchSubmissions } from './submissions.ts';
import { writeSection } from './report.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;
const ROOT = new URL('..', import.meta.url).pathname;

interface Measure {
  name: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

function start(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 60 s`)), 60_000);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready (\d+)/.exec(out) ?? /Guichet ready on http:\/\/[^:]+:(\d+)/.exec(out);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, port: Number(ready[1]) });
      }
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function load(name: string, url: string, path: string, extra: Record<string, string> = {}): Promise<Measure> {
  const headers = { 'accept-encoding': 'br', ...extra };
  // A short warm-up so that JIT compilation and first-query planning are not measured.
  await autocannon({ url: url + path, connections: CONNECTIONS, duration: 2, headers });
  const r = await autocannon({ url: url + path, connections: CONNECTIONS, duration: DURATION, headers });
  return { name, path, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

async function sessionCookie(base: string): Promise<string> {
  const res = await fetch(`${base}/connexion`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function sizes(url: string, paths: string[]) {
  const css = await (await fetch(`${url}/`)).text().then((html) => /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec(html)![1]!);
  const cssBytes = brotliCompressSync(Buffer.from(await (await fetch(url + css)).arrayBuffer())).length;
  const rows = [];
  for (const path of paths) {
    const html = Buffer.from(await (await fetch(url + path)).arrayBuffer());
    const br = brotliCompressSync(html).length;
    rows.push({ path, html: html.length, br, total: br + cssBytes });
  }
  return { cssBytes, rows };
}

const dataDir = await mkdtemp(join(tmpdir(), 'guichet-bench-'));
// With DATABASE_URL, the bench works in a database of its own, created here and dropped at the end.
const pgdb = process.env.DATABASE_URL ? await testDatabase() : undefined;
await pgdb?.database.close();
const children: ChildProcess[] = [];
try {
  const hello = await start('bench/hello.ts', { PORT: '0' });
  children.push(hello.child);
  const started = performance.now();
  const guichet = await start('src/main.ts', {
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    SEED_DEMO: 'true',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    WORKER: 'false',
    ...(pgdb?.url ? { DATABASE_URL: pgdb.url } : {}),
  });
  children.push(guichet.child);
  const g = `http://127.0.0.1:${guichet.port}`;
  await fetch(`${g}/demarches/extrait-casier-judiciaire`);
  const startSeconds = (performance.now() - started) / 1000;
  const targets: [string, string, Record<string, string>?][] = [
    ['home page', '/'],
    ['fiche page', '/demarches/extrait-casier-judiciaire'],
    ['list page', '/demarches'],
    ['search (with a typo)', '/recherche?q=casie+judiciare'],
    ['API list', '/api/v1/procedures?limit=50'],
    // A visitor with a session (signed in, or on a form) gets every page rendered from the database.
    ['fiche page, with a session', '/demarches/extrait-casier-judiciaire', { cookie: await sessionCookie(g) }],
  ];
  // The machines are shared and their speed drifts from minute to minute: each page is measured right after
  // the bare route, and its ratio is taken to that neighbour, not to a measurement made minutes earlier.
  const bareRuns: Measure[] = [];
  const measures: (Measure & { ratio: number })[] = [];
  for (const [name, path, headers] of targets) {
    const bareRun = await load('bare Fastify route', `http://127.0.0.1:${hello.port}`, '/');
    bareRuns.push(bareRun);
    const m = await load(name, g, path, headers);
    measures.push({ ...m, ratio: m.rps / bareRun.rps });
  }
  const bareMedian = [...bareRuns].sort((a, b) => a.rps - b.rps)[Math.floor(bareRuns.length / 2)]!;
  measures.unshift({ ...bareMedian, ratio: 1 });
  // Submissions write: measured on PostgreSQL only, where the bench can prepare drafts beside the server.
  const bareBeforeSubmissions = pgdb?.url ? await load('bare Fastify route', `http://127.0.0.1:${hello.port}`, '/') : undefined;
  const submissions = pgdb?.url ? await benchSubmissions(g, pgdb.url, DURATION, CONNECTIONS) : undefined;
  const size = await sizes(g, ['/', '/demarches', '/demarches/extrait-casier-judiciaire', '/recherche?q=casier', '/connexion', '/inscription']);
  const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)';
  const report = `## On ${database}

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'},
${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, database ${database}. Each server runs alone in its own
process; autocannon (${CONNECTIONS} connections, ${DURATION} s after a 2 s warm-up, brotli accepted) loads it from another.
Each page is measured right after the bare route and its ratio taken to that run (the bare row shows the median).
Absolute figures depend on the machine; the ratio to the bare Fastify route measured in the same run is the figure
that travels. Budget (ARCHITECTURE.md): a fiche page at least 40 % of the bare route, p99 under 50 ms.
Anonymous visitors get pages kept ready by the instance (docs/decisions/0004-page-cache.md); the last row is
the same fiche for a visitor with a session, rendered for them each time (its content read from the database once per version).

| what | path | requests/s | ratio to bare | p50 ms | p99 ms | errors |
|---|---|---:|---:|---:|---:|---:|
${measures.map((m) => `| ${m.name} | \`${m.path}\` | ${Math.round(m.rps)} | ${(m.ratio * 100).toFixed(1)} % | ${m.p50} | ${m.p99} | ${m.errors} |`).join('\n')}

${
    submissions
      ? `### Submissions

Dossiers submitted per second: each request submits a different complete draft of the criminal record request
(answers checked in full, reference drawn, event and SMS queued in one transaction) with its one-time key.
${Math.round(submissions.rps)} submissions/s, p50 ${submissions.p50} ms, p99 ${submissions.p99} ms, ${submissions.errors} errors;
${submissions.submitted} dossiers submitted in the run (target: 500/s on 2 cores). The bare route, measured just
before, served ${Math.round(bareBeforeSubmissions!.rps)} requests/s: a submission costs
${Math.round(bareBeforeSubmissions!.rps / submissions.rps)} bare requests. PostgreSQL, the server and the load
generator share this machine's ${cpus().length} cores.

`
      : ''
  }### Start

\`src/main.ts\` on an empty data directory (database creation, migrations, demo catalog of three countries) served
its first fiche ${startSeconds.toFixed(1)} s after the process was launched (budget: 15 s).

### Page weight (citizen pages, 2G budget: HTML + CSS ≤ 14 KB compressed)

The stylesheet is ${size.cssBytes} bytes with brotli (cached for a year after the first visit).

| page | HTML bytes | HTML brotli | HTML + CSS brotli |
|---|---:|---:|---:|
${size.rows.map((r) => `| \`${r.path}\` | ${r.html} | ${r.br} | ${r.total} |`).join('\n')}

No page needs JavaScript. \`test/size.test.ts\` fails the build when any citizen page goes over budget.
`;
  // `npm run bench -- --no-write` measures and prints without touching docs/performance.md.
  if (!process.argv.includes('--no-write')) await writeSection(database, report);
  console.log(report);
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await pgdb?.drop();
  await rm(dataDir, { recursive: true, force: true });
}

// `npm run bench`: the one command that measures Guichet on this machine and writes docs/performance.md.
//   1. the citizen pages (home, a fiche, search, a form page of a signed-in applicant, …), each next to a bare
//      Fastify route measured just before and just after it, in the same run;
//   2. on PostgreSQL, dossier submissions (bench/submissions.ts), also between two bare runs;
//   3. the start time, and the page weights: citizen pages (14 KB) and the back office (60 KB);
//   4. documents sealed and verified per second (bench/documents.ts, as a child process);
//   5. on PostgreSQL, the back office's million dossiers (bench/inbox.ts, as a child process).
// Each server runs in its own process; autocannon loads it from this one.
//
// BENCH_SECONDS (8) per measured run, BENCH_INBOX=0 skips step 5, BENCH_OUT=file writes there instead of
// docs/performance.md (a trial run on a busy machine), `npm run bench -- --no-write` only prints.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { testDatabase } from '../test/support/app.ts';
import { applicantWithDraft, CASIER, FIRST_PAGE } from './applicant.ts';
import { backOfficeWeights } from './backoffice-weight.ts';
import { BUDGETS, kb, mark } from './budgets.ts';
import { citizenWeights } from './citizen-weight.ts';
import { inboxSkipped, runInboxStep, runScript } from './child-steps.ts';
import { describeMachine, machineLine } from './machine.ts';
import { reportFile, writeSection } from './report.ts';
import { guichetEnv, startServer, type Server } from './server.ts';
import { benchSubmissions, publishWithoutFee, type SubmissionMeasure } from './submissions.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const WARM_UP = 2;
const CONNECTIONS = 10;
const WRITE = !process.argv.includes('--no-write');

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

interface PageRow extends Measure {
  name: string;
  path: string;
  /** The bare route's requests/s around this measure: the mean of the run just before and the one just after. */
  bare: number;
  budget: 'fiche' | 'page';
}

async function load(url: string, headers: Record<string, string> = {}, warmUp = true): Promise<Measure> {
  const opts = { url, connections: CONNECTIONS, headers: { 'accept-encoding': 'br', ...headers } };
  // A short warm-up so that JIT compilation and first-query planning are not measured.
  if (warmUp) await autocannon({ ...opts, duration: WARM_UP });
  const r = await autocannon({ ...opts, duration: DURATION });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

const machine = await describeMachine(process.env.DATABASE_URL);
const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)';
console.log(`bench: ${machineLine(machine)}`);
const dataDir = await mkdtemp(join(tmpdir(), 'guichet-bench-'));
// With DATABASE_URL, the bench works in a database of its own, created here and dropped at the end.
const pgdb = process.env.DATABASE_URL ? await testDatabase() : undefined;
await pgdb?.database.close();
const servers: Server[] = [];
let section = '';
try {
  const hello = await startServer('bench/hello.ts', { PORT: '0' });
  servers.push(hello);
  const started = performance.now();
  const guichet = await startServer('src/main.ts', guichetEnv(dataDir, pgdb?.url));
  servers.push(guichet);
  const g = guichet.url;
  await fetch(`${g}/demarches/${CASIER}`);
  const startSeconds = (performance.now() - started) / 1000;

  const applicant = await applicantWithDraft(g, false);
  const formPage = `/dossiers/${applicant.draft}/pages/${FIRST_PAGE}`;
  const withSession = { cookie: (((await fetch(`${g}/connexion`)).headers.get('set-cookie') ?? '').split(';')[0] ?? '') };
  const targets: { name: string; path: string; headers?: Record<string, string>; budget: PageRow['budget'] }[] = [
    { name: 'home page', path: '/', budget: 'page' },
    { name: 'fiche page', path: `/demarches/${CASIER}`, budget: 'fiche' },
    { name: 'search (with a typo)', path: '/recherche?q=casie+judiciare', budget: 'page' },
    { name: 'form page, signed-in applicant', path: formPage, headers: { cookie: applicant.browser.cookie }, budget: 'page' },
    { name: 'list page', path: '/demarches', budget: 'page' },
    { name: 'API list', path: '/api/v1/procedures?limit=50', budget: 'page' },
    // A visitor with a session gets every page rendered for them; anonymous ones get pages kept ready.
    { name: 'fiche page, with a session', path: `/demarches/${CASIER}`, headers: withSession, budget: 'page' },
  ];

  // The machine's speed drifts from minute to minute (shared cores, frequency): the bare route is measured
  // before and after each page, and the page's ratio is taken to the mean of those two neighbours.
  const bareUrl = `${hello.url}/`;
  let bareBefore = await load(bareUrl);
  const bareRuns = [bareBefore];
  const rows: PageRow[] = [];
  for (const target of targets) {
    console.log(`bench: ${target.name}`);
    const m = await load(g + target.path, target.headers);
    const bareAfter = await load(bareUrl, {}, false);
    bareRuns.push(bareAfter);
    rows.push({ ...m, name: target.name, path: target.path, bare: (bareBefore.rps + bareAfter.rps) / 2, budget: target.budget });
    bareBefore = bareAfter;
  }

  // Before the submissions: they publish a new form, after which this draft's pages say it changed.
  console.log('bench: page weights');
  const citizen = await citizenWeights(g, [
    { path: '/' },
    { path: '/demarches' },
    { path: `/demarches/${CASIER}` },
    { path: '/recherche?q=casier' },
    { path: '/connexion' },
    { path: '/inscription' },
    { path: formPage, cookie: applicant.browser.cookie },
  ]);
  // Submissions write: measured on PostgreSQL only, where the bench can prepare drafts beside the server.
  const submissions: { name: string; m: SubmissionMeasure; bare: number }[] = [];
  if (pgdb?.url) {
    for (const variant of ['held', 'filed'] as const) {
      if (variant === 'filed') await publishWithoutFee(pgdb.url);
      console.log(`bench: submissions (${variant})`);
      const m = await benchSubmissions(g, pgdb.url, DURATION, CONNECTIONS);
      const bareAfter = await load(bareUrl, {}, false);
      bareRuns.push(bareAfter);
      const name = variant === 'held' ? 'criminal record request as shipped: held for its fee' : 'the same form without fee: filed at once';
      submissions.push({ name, m, bare: (bareBefore.rps + bareAfter.rps) / 2 });
      bareBefore = bareAfter;
    }
  }

  for (const s of servers.splice(0)) await s.stop();
  const backOffice = await backOfficeWeights();

  const bareMedian = [...bareRuns].sort((a, b) => a.rps - b.rps)[Math.floor(bareRuns.length / 2)]!;
  const budgetCell = (r: PageRow) => {
    const p99 = r.p99 < BUDGETS.p99Ms;
    if (r.budget === 'page') return `p99 < ${BUDGETS.p99Ms} ms ${mark(p99)}`;
    return `≥ ${BUDGETS.ficheRatio * 100} % ${mark(r.rps / r.bare >= BUDGETS.ficheRatio)}, p99 < ${BUDGETS.p99Ms} ms ${mark(p99)}`;
  };
  const pageLine = (r: PageRow) =>
    `| ${r.name} | \`${r.path.replace(applicant.draft, '…')}\` | ${Math.round(r.rps)} | ${Math.round(r.bare)} | ${pct(r.rps / r.bare)} | ${r.p50} | ${r.p99} | ${r.errors} | ${budgetCell(r)} |`;
  const submissionLine = ({ name, m, bare }: (typeof submissions)[number]) =>
    `| ${name} | ${Math.round(m.rps)} | ${Math.round(bare)} | ${Math.round(bare / m.rps)} | ${m.p50} | ${m.p99} | ${m.errors} | ${m.filed} / ${m.held} | ≥ ${BUDGETS.submissionsPerSecond}/s ${mark(m.rps >= BUDGETS.submissionsPerSecond)} |`;

  section = `## On ${database}

Measured by \`npm run bench\` on ${machineLine(machine)}.
Each server runs alone in its own process; autocannon (${CONNECTIONS} connections, ${DURATION} s after a ${WARM_UP} s
warm-up, brotli accepted) loads it from another. The bare Fastify route (\`bench/hello.ts\`) is measured right
before and right after each line, and the line's ratio is taken to the mean of those two runs: a drift of the
machine's speed hits both alike. Absolute figures depend on the machine; the ratio is the figure that travels.
The bare route's median over the run: ${Math.round(bareMedian.rps)} requests/s, p99 ${bareMedian.p99} ms.
Anonymous visitors get pages kept ready by the instance (docs/decisions/0004-page-cache.md); a visitor with a
session gets pages rendered for them: the signed-in applicant on the request's first page, and the last line.

| what | path | requests/s | bare requests/s | ratio to bare | p50 ms | p99 ms | errors | budget |
|---|---|---:|---:|---:|---:|---:|---:|---|
${rows.map(pageLine).join('\n')}

### Submissions

${
    submissions.length
      ? `Each request submits a different complete draft of the criminal record request with its one-time key
(answers checked in full, reference drawn, one transaction). As shipped, the request asks a fee (decision 0017):
the dossier is held for its payment. The bench then publishes the same form without its fee in its own
database and measures the filing itself (team, deadline, event and receipt queued), the path of free procedures
and of a paid one once its payment is confirmed. "Cost" is how many bare requests one submission is worth.
PostgreSQL, the server and the load generator share this machine's ${machine.cores} cores.

| what | submissions/s | bare requests/s | cost | p50 ms | p99 ms | errors | filed / held in the run | budget |
|---|---:|---:|---:|---:|---:|---:|---:|---|
${submissions.map(submissionLine).join('\n')}`
      : 'Measured on PostgreSQL only (`DATABASE_URL=… npm run bench`): the bench prepares the drafts in the database beside the server.'
  }

### Start

\`src/main.ts\` on an empty data directory (database creation, migrations, demo catalog of three countries) served
its first fiche ${startSeconds.toFixed(1)} s after the process was launched (budget: ${BUDGETS.startSeconds} s ${mark(startSeconds < BUDGETS.startSeconds)}).

### Page weight

Citizen pages, as sent by the server with brotli, plus what they load (budget: ${kb(BUDGETS.citizenBytes)}, the first round
trip of a new TCP connection on 2G). The stylesheet and scripts count in full on every line, as on a first visit;
they are cached for a year after it.

| page | HTML bytes | HTML brotli | + CSS and scripts | budget |
|---|---:|---:|---:|---|
${citizen.map((r) => `| \`${r.path.replace(applicant.draft, '…')}\` | ${r.html} | ${r.br} | ${r.total} | ${kb(BUDGETS.citizenBytes)} ${mark(r.total <= BUDGETS.citizenBytes)} |`).join('\n')}

No citizen page needs JavaScript (the form pages load a small optional script, counted above).
\`test/size.test.ts\` fails the build when any citizen page goes over budget.

Back office, for a signed-in agent (measured on a throwaway instance in the bench's process; budget
${kb(BUDGETS.backOfficeBytes)} with stylesheet and island scripts):

| page | HTML bytes | HTML brotli | + CSS and scripts | budget |
|---|---:|---:|---:|---|
${backOffice.map((r) => `| ${r.name} (\`${r.path.replace(/\/agent\/dossiers\/[^/]+$/, '/agent/dossiers/…')}\`) | ${r.html} | ${r.br} | ${r.total} | ${kb(BUDGETS.backOfficeBytes)} ${mark(r.total <= BUDGETS.backOfficeBytes)} |`).join('\n')}

### Back office with a million dossiers

${inboxSkipped() ?? 'Timed right after, in the same run: see the section "Back office on PostgreSQL".'}
`;
  console.log(section);
} finally {
  for (const s of servers) await s.stop().catch(() => {});
  await pgdb?.drop();
  await rm(dataDir, { recursive: true, force: true });
}

// The section is written before the long inbox step: an interrupted inbox run leaves the pages' figures in.
if (WRITE) {
  await writeSection(database, section);
  console.log(`bench: written to ${reportFile()}`);
}
// The documents and the million dossiers write their own sections (bench/documents.ts, bench/inbox.ts).
if (WRITE) await runScript('bench/documents.ts');
if (WRITE && (await runInboxStep())) console.log(`bench: the back office section is written too`);
else console.log(`bench: the back office with a million dossiers: ${WRITE ? inboxSkipped() : 'not run with --no-write.'}`);

// `DATABASE_URL=… npm run bench:inbox`: the back office with a million dossiers in PostgreSQL. Generates them
// in a fresh database (20 teams of one administration, two years of submissions in every state), then times
// the queries behind the inbox — first page of a tab for an agent and for a manager, the tab counts, and
// searches — and writes their p50/p95 into docs/performance.md. Target (ARCHITECTURE.md): inbox page p95 < 20 ms.
import { sql } from 'kysely';
import { cpus, totalmem } from 'node:os';
import { testDatabase } from '../test/support/app.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { seedDemo } from '../src/seed.ts';
import { inboxPage, tabCounts, type InboxQuery } from '../src/modules/instruction/store.ts';
import type { Scope } from '../src/modules/instruction/scope.ts';
import { writeSection } from './report.ts';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const TEAMS = 20;
const RUNS = 200;

if (!process.env.DATABASE_URL) {
  console.error('bench:inbox measures PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(2);
}

const { database, drop } = await testDatabase();
const db = database.db;
try {
  await migrate(database);
  await seedDemo(db, 'ne');
  const started = Date.now();
  const { teamIds, administrationId } = await generate();
  const generated = (Date.now() - started) / 1000;

  const agent: Scope = { by: 'team', ids: [teamIds[0]!] };
  const manager: Scope = { by: 'administration', ids: [administrationId] };
  const base = { userId: 'bench', filters: {}, sort: 'submitted' as const, order: 'asc' as const, limit: 51, locale: 'fr' };
  // A cursor as the inbox writes it: the sort key to the microsecond, then the id.
  const key = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().replace('Z', '000Z');
  const page = (q: Partial<InboxQuery> & { scope: Scope }) => () => inboxPage(db, { ...base, tab: 'to_process', ...q });
  const reference = (await db.selectFrom('dossiers').select('reference').where('team_id', '=', teamIds[3]!).limit(1).executeTakeFirstOrThrow()).reference!;
  const cases: [string, () => Promise<unknown>][] = [
    ['agent: first page of "À traiter"', page({ scope: agent })],
    ['agent: first page of "Terminés"', page({ scope: agent, tab: 'closed' })],
    ['agent: a page deep in "Terminés" (keyset)', page({ scope: agent, tab: 'closed', after: { key: key(300), id: '0' } })],
    ['agent: first page of "À traiter" by due date (nearest first)', page({ scope: agent, sort: 'due' })],
    ['agent: first page of "À traiter" by due date (furthest first)', page({ scope: agent, sort: 'due', order: 'desc' })],
    ['agent: a page deep in "Terminés" by due date (keyset)', page({ scope: agent, tab: 'closed', sort: 'due', after: { key: key(300), id: '0' } })],
    ['manager (20 teams): first page of "À traiter" by due date', page({ scope: manager, sort: 'due' })],
    ['agent: first page of "En instruction" by last change', page({ scope: agent, tab: 'in_review', sort: 'updated', order: 'desc' })],
    ['search: a word of the answers, by due date (agent, "À traiter")', page({ scope: agent, sort: 'due', filters: { text: 'Agadez' } })],
    ['manager (20 teams): first page of "À traiter"', page({ scope: manager })],
    ['agent: the five tab counts (capped at 1,000)', () => tabCounts(db, agent, 'bench', {}, 1000)],
    ['search: a reference (manager)', page({ scope: manager, tab: 'closed', filters: { text: reference } })],
    ['search: an answer equal to a value (agent, "Terminés")', page({ scope: agent, tab: 'closed', filters: { answer: { field: 'lieu_naissance', value: 'Agadez' } } })],
    ['search: a word of the answers (agent, "À traiter")', page({ scope: agent, filters: { text: 'Agadez' } })],
    ['search: an applicant name (agent, "En instruction")', page({ scope: agent, tab: 'in_review', filters: { text: 'Moussa' } })],
  ];
  const rows: string[] = [];
  for (const [name, run] of cases) {
    const { p50, p95 } = await time(run);
    rows.push(`| ${name} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`);
    console.log(`${name}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  }
  const report = `## Back office on PostgreSQL

Measured by \`DATABASE_URL=… npm run bench:inbox\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')},
${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ${DOSSIERS.toLocaleString('en')} dossiers generated in ${generated.toFixed(0)} s
(${TEAMS} teams of one administration, two years of submissions: 10 % to process, 12 % in review, 78 % decided of which
a third archived; 2 % without a deadline). Sorts by due date and by last change run on their own indexes
(decision 0013). Each query is run ${RUNS} times after a warm-up, from this process over a real connection; the
times include the round trip. Budget (ARCHITECTURE.md): inbox page p95 < 20 ms, search p95 < 60 ms.

| query | p50 ms | p95 ms |
|---|---:|---:|
${rows.join('\n')}
`;
  await writeSection('Back office (PostgreSQL)', report);
} finally {
  await database.close();
  await drop();
}

/** A million filed dossiers in one statement per block, straight in SQL: what matters here is their shape. */
async function generate(): Promise<{ teamIds: string[]; administrationId: string }> {
  const casier = await db
    .selectFrom('procedures as p')
    .innerJoin('procedure_revisions as r', 'r.procedure_id', 'p.id')
    .select(['p.id', 'p.administration_id', 'r.id as revision'])
    .where('p.slug', '=', 'extrait-casier-judiciaire')
    .where('p.country', '=', 'ne')
    .where('r.status', '=', 'published')
    .executeTakeFirstOrThrow();
  const teamIds = Array.from({ length: TEAMS }, (_, i) => `TEAM${String(i).padStart(22, '0')}`);
  await db.insertInto('teams').values(teamIds.map((id, i) => ({ id, administration_id: casier.administration_id, name: `Équipe ${i + 1}` }))).execute();
  await sql`
    INSERT INTO users (id, email, name)
    SELECT 'APPL' || lpad(i::text, 22, '0'), 'bench' || i || '@exemple.ne',
      (ARRAY['Moussa', 'Aïcha', 'Ibrahim', 'Mariama', 'Abdou', 'Fatouma'])[1 + i % 6] || ' ' || (ARRAY['Issoufou', 'Hamani', 'Garba', 'Diallo', 'Maïga'])[1 + i % 5]
    FROM generate_series(1, 5000) AS i`.execute(db);
  const block = 100_000;
  for (let from = 0; from < DOSSIERS; from += block) {
    await sql`
      INSERT INTO dossiers (id, reference, procedure_id, revision_id, applicant_id, status, answers, submitted_at, created_at, updated_at,
        team_id, administration_id, archived, due_at, decided_at)
      SELECT lpad(upper(to_hex(i)), 26, '0'), 'DOS-' || extract(year FROM at)::int || '-' || lpad(upper(to_hex(i)), 6, '0'),
        ${casier.id}, ${casier.revision}, 'APPL' || lpad((1 + i % 5000)::text, 22, '0'), status,
        jsonb_build_object('nom', 'Nom ' || i, 'lieu_naissance', (ARRAY['Niamey', 'Tahoua', 'Zinder', 'Maradi', 'Agadez', 'Dosso', 'Tillabéri', 'Diffa'])[1 + i % 8],
          'usage', 'emploi', 'telephone', '+227' || (90000000 + i % 9999999)),
        at, at, at, 'TEAM' || lpad((i % ${TEAMS})::text, 22, '0'), ${casier.administration_id},
        status IN ('accepted', 'refused', 'closed') AND i % 3 = 0, CASE WHEN i % 50 <> 7 THEN at + interval '15 days' END,
        CASE WHEN status IN ('accepted', 'refused', 'closed') THEN at + interval '10 days' END
      FROM (
        SELECT i, date_trunc('milliseconds', now() - (i::double precision / ${DOSSIERS}::int) * interval '730 days') AS at,
          CASE WHEN i % 100 < 10 THEN 'submitted' WHEN i % 100 < 20 THEN 'in_review' WHEN i % 100 < 22 THEN 'correction'
            WHEN i % 100 < 70 THEN 'accepted' WHEN i % 100 < 90 THEN 'refused' ELSE 'closed' END AS status
        FROM generate_series(${from + 1}::int, ${Math.min(from + block, DOSSIERS)}::int) AS i) AS g`.execute(db);
  }
  await sql`VACUUM ANALYZE dossiers`.execute(db);
  await sql`ANALYZE users`.execute(db);
  return { teamIds, administrationId: casier.administration_id };
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(RUNS * 0.5)]!, p95: times[Math.floor(RUNS * 0.95)]! };
}

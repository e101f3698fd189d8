// The statistics page against a handful of dossiers whose dates are set in SQL: volumes by state and month,
// median and 90th percentile of processing time, share decided within the legal delay — and nothing from
// outside the reader's scope.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { newId } from '../../platform/db/ids.ts';
import { procedureStats, statsMonths } from './stats.ts';

const DAY = 86_400_000;
let t: TestApp;
let procedureId: string;
let months: string[];
let teams: { mine: string; neighbour: string };
let admins: { own: string; other: string };
let people: Record<'agent' | 'manager' | 'neighbour', { id: string; v: Visitor }>;

before(async () => {
  t = await startTestApp({ seed: true });
  const ids = await administrationsOf(t, 'extrait-casier-judiciaire');
  procedureId = ids.procedureId;
  admins = { own: ids.own, other: ids.other };
  teams = { mine: await makeTeam(t, ids.own, 'Greffe'), neighbour: await makeTeam(t, ids.own, 'Greffe voisin') };
  const stranger = await makeTeam(t, ids.other, 'Ailleurs');
  const processing = { default_team_id: teams.mine, legal_delay_days: 10 };
  await t.ctx.db.insertInto('procedure_processing').values({ procedure_id: procedureId, ...processing }).onConflict((oc) => oc.column('procedure_id').doUpdateSet(processing)).execute();
  people = {
    agent: await signedInStaff(t, { role: 'agent', administrationId: ids.own, teamIds: [teams.mine] }),
    neighbour: await signedInStaff(t, { role: 'agent', administrationId: ids.own, teamIds: [teams.neighbour] }),
    manager: await signedInStaff(t, { role: 'manager', administrationId: ids.own }),
  };

  // One dossier filed for real, moved to another administration: it must count for nobody here.
  const template = await fileCasier(t);
  await t.ctx.db.updateTable('dossiers').set({ team_id: stranger, administration_id: ids.other }).where('id', '=', template.id).execute();

  // The other dossiers are copies of it with dates of our choosing, on the 1st of a past month at noon UTC
  // (the same day in every time zone of the three countries), so the months never depend on today's date.
  months = statsMonths(new Date(), t.config.timeZone);
  const monthStart = (key: string) => new Date(`${key}-01T12:00:00Z`);
  const copy = async (team: string, submitted: Date, status: string, decidedAfterDays: number | null) => {
    const id = newId();
    const decided = decidedAfterDays === null ? null : new Date(submitted.getTime() + decidedAfterDays * DAY);
    await sql`
      INSERT INTO dossiers (id, reference, procedure_id, revision_id, applicant_id, status, answers, team_id, administration_id, submitted_at, due_at, decided_at)
      SELECT ${id}, ${`DOS-2026-${id.slice(-6)}`}, procedure_id, revision_id, applicant_id, ${status}, answers, ${team}, ${ids.own},
        ${submitted}::timestamptz, ${submitted}::timestamptz + interval '10 days', ${decided}::timestamptz
      FROM dossiers WHERE id = ${template.id}`.execute(t.ctx.db);
  };
  const twoAgo = monthStart(months.at(-3)!);
  const lastMonth = monthStart(months.at(-2)!);
  await copy(teams.mine, twoAgo, 'accepted', 2); // within the delay
  await copy(teams.mine, twoAgo, 'refused', 6); // within
  await copy(teams.mine, twoAgo, 'closed', 12); // late
  await copy(teams.mine, lastMonth, 'accepted', 20); // late
  await copy(teams.mine, lastMonth, 'submitted', null);
  await copy(teams.mine, lastMonth, 'in_review', null);
  // Before the twelve months: not counted.
  await copy(teams.mine, new Date(monthStart(months[0]!).getTime() - 20 * DAY), 'accepted', 1);
  // The neighbouring team: its manager counts it, the agent does not.
  await copy(teams.neighbour, twoAgo, 'accepted', 30);
});
after(() => t.close());

const query = (scope: { by: 'team' | 'administration'; ids: string[] }, procedure?: string) =>
  procedureStats(t.ctx.db, { scope, procedureId: procedure, now: new Date(), timeZone: t.config.timeZone, locale: 'fr' });

test('an agent\'s figures: his team\'s dossiers of the last twelve months only', async () => {
  const [s, ...others] = await query({ by: 'team', ids: [teams.mine] });
  assert.equal(others.length, 0);
  assert.equal(s!.procedureId, procedureId);
  assert.equal(s!.legalDelayDays, 10);
  assert.equal(s!.total, 6);
  assert.equal(s!.decided, 4);
  // Processing times 2, 6, 12 and 20 days: median 9; 90th percentile 12 + 0.7 × (20 − 12) = 17.6.
  assert.ok(Math.abs(s!.medianDays! - 9) < 1e-9, String(s!.medianDays));
  assert.ok(Math.abs(s!.p90Days! - 17.6) < 1e-9, String(s!.p90Days));
  assert.equal(s!.withDeadline, 4);
  assert.equal(s!.withinDelay, 2);
  assert.deepEqual(s!.byStatus, { submitted: 1, in_review: 1, accepted: 2, refused: 1, closed: 1 });
  assert.deepEqual(s!.byMonth, { [months.at(-3)!]: 3, [months.at(-2)!]: 3 });
});

test('a manager\'s figures take in every team of his administration, and no other administration', async () => {
  const [s] = await query({ by: 'administration', ids: [admins.own] });
  assert.equal(s!.total, 7);
  assert.equal(s!.decided, 5);
  // 2, 6, 12, 20, 30 days: median 12; 90th percentile 20 + 0.6 × 10 = 26.
  assert.ok(Math.abs(s!.medianDays! - 12) < 1e-9);
  assert.ok(Math.abs(s!.p90Days! - 26) < 1e-9);
  assert.equal(s!.withinDelay, 2);
  assert.equal(s!.withDeadline, 5);
  assert.deepEqual(s!.byMonth, { [months.at(-3)!]: 4, [months.at(-2)!]: 3 });
  assert.deepEqual(await query({ by: 'team', ids: [] }), [], 'an empty scope counts nothing');
  assert.deepEqual(await query({ by: 'administration', ids: [admins.own] }, newId()), [], 'another procedure: nothing');
});

test('the page shows the agent his figures in tables, compared with the legal delay', async () => {
  const inbox = await people.agent.v.get('/agent');
  assert.match(inbox.body, /href="\/agent\/statistiques"/, 'the inbox links to the statistics');
  const res = await people.agent.v.get('/agent/statistiques');
  assert.equal(res.statusCode, 200);
  const body = res.body;
  assert.match(body, /<h1>Statistiques<\/h1>/);
  assert.match(body, /<caption>Délais de traitement \(du dépôt à la décision\)<\/caption>/);
  assert.match(body, /<td>6<\/td><td>4<\/td><td>9 j<\/td><td>17,6 j \(au-delà du délai légal\)<\/td><td>10 j<\/td><td>50\s%\s\(2 sur 4\)/u);
  assert.match(body, /<th scope="row">En instruction<\/th><td>1<\/td>/);
  assert.match(body, /<caption>Dossiers par mois de dépôt<\/caption>/);
  assert.equal((body.match(/<th scope="row">[^<]+ \d{4}<\/th>/g) ?? []).length, 12, 'one row per month');
  const filtered = await people.agent.v.get(`/agent/statistiques?demarche=${procedureId}`);
  assert.match(filtered.body, /<td>6<\/td><td>4<\/td>/);
  const none = await people.agent.v.get(`/agent/statistiques?demarche=${newId()}`);
  assert.match(none.body, /Aucun dossier déposé sur la période\./);
});

test('the neighbouring team and the manager see their own figures on the page', async () => {
  const neighbour = await people.neighbour.v.get('/agent/statistiques');
  assert.match(neighbour.body, /<td>1<\/td><td>1<\/td><td>30 j \(au-delà du délai légal\)<\/td>/);
  const manager = await people.manager.v.get('/agent/statistiques');
  assert.match(manager.body, /<td>7<\/td><td>5<\/td><td>12 j \(au-delà du délai légal\)<\/td><td>26 j \(au-delà du délai légal\)<\/td><td>10 j<\/td><td>40\s%\s\(2 sur 5\)/u);
});

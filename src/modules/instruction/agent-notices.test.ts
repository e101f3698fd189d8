// What agents hear: each member of the dossier's team by his own choice (at once, in the morning digest, or
// nothing), once, and nobody outside the team.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../../../test/support/backoffice.ts';
import { agentNotices, setNoticeMode } from './agent-notices.ts';

let t: TestApp;
let staff: Record<'each' | 'digest' | 'none' | 'outsider', { id: string; email: string }>;

before(async () => {
  t = await startTestApp({ seed: true });
  const { procedureId, own } = await administrationsOf(t, 'extrait-casier-judiciaire');
  const team = await makeTeam(t, own, 'Greffe');
  const otherTeam = await makeTeam(t, own, 'Autre greffe');
  await processProcedure(t, procedureId, { defaultTeamId: team });
  const person = async (teamId: string) => {
    const { id } = await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [teamId] });
    const { email } = await t.ctx.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow();
    return { id, email: email! };
  };
  staff = { each: await person(team), digest: await person(team), none: await person(team), outsider: await person(otherTeam) };
  await setNoticeMode(t.ctx.db, staff.digest.id, 'digest');
  await setNoticeMode(t.ctx.db, staff.none.id, 'none');
});
after(() => t.close());

const run = agentNotices({ publicUrl: 'https://guichet.example', timeZone: 'Africa/Niamey' });
// 05:00 and 08:00 in Niamey (UTC+1).
const EARLY = new Date('2026-12-01T04:00:00Z');
const MORNING = new Date('2026-12-01T07:00:00Z');

const mailsTo = (email: string) => t.ctx.db.selectFrom('notifications').select(['subject', 'body']).where('recipient', '=', email).orderBy('created_at').execute();

test('a new dossier and a message from its applicant: told at once, kept for the digest, or not told, by choice', async () => {
  const { v, id, reference } = await fileCasier(t);
  await v.get(`/dossiers/${id}`);
  await v.postMultipart(`/dossiers/${id}/messages?_csrf=${v.csrf}`, { message: 'Je peux passer au greffe lundi.' });
  await run(t.ctx.db, EARLY);
  await run(t.ctx.db, EARLY);

  const each = await mailsTo(staff.each.email);
  assert.deepEqual(each.map((m) => m.subject), [`Guichet : nouveau dossier ${reference} pour votre équipe`, `Guichet : message du demandeur sur le dossier ${reference}`], 'each once');
  assert.match(each[0]!.body, new RegExp(`https://guichet.example/agent/dossiers/${id}`));
  assert.deepEqual(await mailsTo(staff.none.email), []);
  assert.deepEqual(await mailsTo(staff.outsider.email), [], 'another team hears nothing');
  assert.deepEqual(await mailsTo(staff.digest.email), [], 'the digest waits for the morning');

  await run(t.ctx.db, MORNING);
  const digest = await mailsTo(staff.digest.email);
  assert.equal(digest.length, 1);
  assert.match(digest[0]!.subject!, /2 nouveauté/);
  assert.match(digest[0]!.body, new RegExp(`${reference} : nouveau dossier`));
  assert.match(digest[0]!.body, new RegExp(`${reference} : message du demandeur`));

  // Later that day, something new: it waits for tomorrow's digest.
  await fileCasier(t);
  await run(t.ctx.db, new Date(MORNING.getTime() + 3 * 3_600_000));
  assert.equal((await mailsTo(staff.digest.email)).length, 1, 'one digest a day');
  await run(t.ctx.db, new Date(MORNING.getTime() + 24 * 3_600_000));
  assert.equal((await mailsTo(staff.digest.email)).length, 2);
});

test('the preferences page saves a choice and refuses anything else', async () => {
  const { v, id } = await signedInStaff(t, { role: 'agent' });
  const page = await v.get('/agent/preferences');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /id="avis-each"[^>]*checked/);
  const bad = await v.post('/agent/preferences', { avis: 'toujours' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Choisissez l&#39;une des options|Choisissez l'une des options/);
  const ok = await v.post('/agent/preferences', { avis: 'digest' });
  assert.equal(ok.headers.location, '/agent/preferences?enregistre=1');
  const row = await t.ctx.db.selectFrom('agent_preferences').select('notices').where('user_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.notices, 'digest');
});

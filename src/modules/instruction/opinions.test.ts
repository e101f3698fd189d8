// Expert opinions over HTTP: an agent asks a colleague (or a team) of his administration, who is told, reads
// the dossier without being able to act on it, answers once; the asker is told; every step is on the timeline
// and in the audit log. Bad input is said in French and changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier, location, PDF } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { newId } from '../../platform/db/ids.ts';
import { verifyAuditChain } from '../../platform/audit/index.ts';
import { localDay, readDay } from './opinions.ts';

type Person = { id: string; v: Visitor };
let t: TestApp;
let teams: { own: string; experts: string; stranger: string };
let agent: Person, expert: Person, colleague: Person, solo: Person, bystander: Person, stranger: Person;

before(async () => {
  t = await startTestApp({ seed: true });
  const { procedureId, own, other } = await administrationsOf(t, 'extrait-casier-judiciaire');
  teams = { own: await makeTeam(t, own, 'Greffe'), experts: await makeTeam(t, own, 'Cellule juridique'), stranger: await makeTeam(t, other, 'Autre ministère') };
  await processProcedure(t, procedureId, { defaultTeamId: teams.own });
  agent = await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [teams.own], name: 'Agent Greffe' });
  expert = await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [teams.experts], name: 'Experte Juriste' });
  colleague = await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [teams.experts], name: 'Collègue Juriste' });
  solo = await signedInStaff(t, { role: 'agent', administrationId: own, name: 'Conseiller Seul' });
  bystander = await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [await makeTeam(t, own, 'Voisins')] });
  stranger = await signedInStaff(t, { role: 'agent', administrationId: other, teamIds: [teams.stranger], name: 'Agent Étranger' });
  // The colleague gave only a phone: he is told by SMS.
  await t.ctx.db.updateTable('users').set({ email: null, phone: '+22790112233' }).where('id', '=', colleague.id).execute();
});
after(() => t.close());

const day = (offsetDays: number) => localDay(new Date(Date.now() + offsetDays * 86_400_000), t.config.timeZone);
const fait = (res: { headers: Record<string, unknown> }) => new URL(location(res), 'http://x').searchParams.get('fait');
const opinions = (dossierId: string) => t.ctx.db.selectFrom('dossier_opinions').selectAll().where('dossier_id', '=', dossierId).orderBy('created_at').execute();
const auditOf = async (dossierId: string, action: string) =>
  (await t.ctx.db.selectFrom('audit_log').select(['actor_id', 'details']).where('subject_id', '=', dossierId).where('action', '=', action).execute());
const sentTo = (to: string) => t.ctx.db.selectFrom('notifications').select(['channel', 'subject', 'body']).where('recipient', '=', to).execute();
const emailOf = async (p: Person) => (await t.ctx.db.selectFrom('users').select('email').where('id', '=', p.id).executeTakeFirstOrThrow()).email!;

async function ask(by: Person, dossierId: string, fields: Record<string, string>) {
  await by.v.get(`/agent/dossiers/${dossierId}`);
  return by.v.post(`/agent/dossiers/${dossierId}/avis`, { question: 'Cet extrait peut-il être délivré malgré la mention ?', echeance: day(3), ...fields });
}

/** Everything an expert's refused request could have changed. */
async function snapshot(dossierId: string): Promise<string> {
  const { rows } = await sql`
    SELECT d.status, d.version, d.team_id, d.archived,
      (SELECT count(*) FROM dossier_messages WHERE dossier_id = d.id) AS messages,
      (SELECT count(*) FROM dossier_corrections WHERE dossier_id = d.id) AS corrections,
      (SELECT count(*) FROM dossier_followers WHERE dossier_id = d.id) AS followers,
      (SELECT count(*) FROM dossier_events WHERE dossier_id = d.id) AS events,
      (SELECT count(*) FROM dossier_opinions WHERE dossier_id = d.id) AS opinions,
      (SELECT count(*) FROM dossier_opinions WHERE dossier_id = d.id AND answered_at IS NOT NULL) AS answered,
      (SELECT count(*) FROM notifications) AS notifications
    FROM dossiers d WHERE d.id = ${dossierId}`.execute(t.ctx.db);
  return JSON.stringify(rows[0]);
}

test('due dates are read as ISO or French days and must exist', () => {
  assert.equal(readDay('2026-12-31'), '2026-12-31');
  assert.equal(readDay('5/1/2027'), '2027-01-05');
  assert.equal(readDay('2026-02-30'), undefined);
  assert.equal(readDay('demain'), undefined);
});

test('the whole flow: asked by name, told, reads without acting, answers once, the asker is told', async () => {
  const { id, reference } = await fileCasier(t);
  const page = await agent.v.get(`/agent/dossiers/${id}`);
  assert.match(page.body, new RegExp(`value="u:${expert.id}"`), 'a colleague of the administration is offered');
  assert.match(page.body, new RegExp(`value="t:${teams.experts}"`), 'and its teams');
  assert.doesNotMatch(page.body, new RegExp(`u:${stranger.id}|t:${teams.stranger}`), 'another administration is not');

  let res = await ask(agent, id, { qui: `u:${expert.id}`, ouinon: '1' });
  assert.equal(fait(res), 'opinion-asked');
  const [asked] = await opinions(id);
  assert.ok(asked && asked.expert_id === expert.id && asked.yes_no && asked.answered_at === null);
  assert.equal(localDay(asked.due_at, t.config.timeZone), day(3), 'due at the end of the chosen day, where the service is');
  const [mail] = await sentTo(await emailOf(expert));
  assert.ok(mail, 'the expert is told');
  assert.ok(mail.subject?.includes(reference) && mail.body.includes(`/agent/dossiers/${id}`), 'in French, with a link');
  assert.match(mail.subject!, /votre avis est demandé/);
  assert.equal((await auditOf(id, 'opinion.request'))[0]?.actor_id, agent.id);

  // The expert reads the dossier: the answers, its files, the request — nothing he could act with.
  const seen = await expert.v.get(`/agent/dossiers/${id}`);
  assert.equal(seen.statusCode, 200);
  assert.ok(seen.body.includes(reference) && seen.body.includes('Issoufou') && seen.body.includes('malgré la mention'));
  assert.match(seen.body, new RegExp(`action="/agent/dossiers/${id}/avis/${asked.id}"`), 'the answer form');
  for (const path of ['decision', 'correction', 'equipe', 'suivi', 'messages', 'avis"']) assert.ok(!seen.body.includes(`/agent/dossiers/${id}/${path}`), `no ${path} form`);
  const file = await t.ctx.db.selectFrom('dossier_attachments').select('id').where('dossier_id', '=', id).where('field', 'is not', null).executeTakeFirstOrThrow();
  assert.equal((await expert.v.get(`/agent/dossiers/${id}/pieces/${file.id}`)).statusCode, 200, 'he downloads its files');
  const downloads = await t.ctx.db.selectFrom('audit_log').select('actor_id').where('subject_id', '=', id).where('action', '=', 'dossier.download').execute();
  assert.ok(downloads.some((d) => d.actor_id === expert.id), 'and the download is audited');
  const list = await expert.v.get('/agent/avis');
  assert.ok(list.body.includes(reference) && list.body.includes('À rendre'), 'the request is on his list');

  // Bad answers: said, nothing saved.
  await expert.v.get(`/agent/dossiers/${id}`);
  const answerPath = `/agent/dossiers/${id}/avis/${asked.id}`;
  assert.equal(fait(await expert.v.post(answerPath, { avis: 'Oui, la mention est effacée.' })), 'opinion-yesno');
  assert.equal(fait(await expert.v.post(answerPath, { avis: '   ', reponse: 'oui' })), 'opinion-text');
  assert.equal((await opinions(id))[0]!.answered_at, null);
  const flash = await expert.v.get(location(await expert.v.post(answerPath, { avis: 'x'.repeat(4001), reponse: 'oui' })));
  assert.match(flash.body, /Écrivez votre avis \(4 000 caractères au plus\)\. Rien n&#39;a été enregistré\.|Écrivez votre avis \(4 000 caractères au plus\)\. Rien n'a été enregistré\./);

  res = await expert.v.post(answerPath, { avis: 'Oui, la mention est effacée depuis 2019.', reponse: 'oui' });
  assert.equal(fait(res), 'opinion-answered');
  const [answered] = await opinions(id);
  assert.equal(answered!.answer, 'Oui, la mention est effacée depuis 2019.');
  assert.equal(answered!.answer_yes, true);
  assert.equal(answered!.answered_by, expert.id);
  assert.equal(fait(await expert.v.post(answerPath, { avis: 'Finalement non.', reponse: 'non' })), 'opinion-frozen');
  assert.equal((await opinions(id))[0]!.answer, 'Oui, la mention est effacée depuis 2019.', 'an answer is frozen');
  const told = await sentTo(await emailOf(agent));
  assert.ok(told.some((m) => m.subject === `Guichet : avis rendu sur le dossier ${reference}`), 'the asker is told');
  assert.deepEqual((await auditOf(id, 'opinion.answer')).map((a) => a.actor_id), [expert.id]);

  const team = await agent.v.get(`/agent/dossiers/${id}`);
  assert.ok(team.body.includes('la mention est effacée depuis 2019') && team.body.includes('Avis rendu par Experte Juriste'), 'the team reads the answer');
  const events = await t.ctx.db.selectFrom('dossier_events').select('kind').where('dossier_id', '=', id).execute();
  assert.deepEqual(events.map((e) => e.kind).filter((k) => k.startsWith('opinion')), ['opinion_requested', 'opinion_answered']);
  assert.ok(team.body.includes("Avis d&#39;expert demandé") || team.body.includes("Avis d'expert demandé"), 'on the timeline');
  assert.equal((await verifyAuditChain(t.ctx.db)).ok, true);
});

test('the expert can neither decide, correct, write to the applicant, reassign, follow nor ask; others still get a 404', async () => {
  const { id } = await fileCasier(t);
  await ask(agent, id, { qui: `u:${expert.id}` });
  const before = await snapshot(id);
  const page = await expert.v.get(`/agent/dossiers/${id}`);
  assert.equal(page.statusCode, 200);
  const { version } = await t.ctx.db.selectFrom('dossiers').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  const v = String(version);
  const attempts = [
    () => expert.v.post(`/agent/dossiers/${id}/decision`, { action: 'accept', motivation: 'ok', version: v }),
    () => expert.v.post(`/agent/dossiers/${id}/decision`, { action: 'review', version: v }),
    () => expert.v.post(`/agent/dossiers/${id}/correction`, { champs: 'nom', motif: 'à corriger', version: v }),
    () => expert.v.post(`/agent/dossiers/${id}/equipe`, { equipe: teams.experts, version: v }),
    () => expert.v.post(`/agent/dossiers/${id}/suivi`, { suivre: '1' }),
    () => expert.v.postMultipart(`/agent/dossiers/${id}/messages`, { message: 'Bonjour' }, {}),
    () => expert.v.post('/agent/lot', { action: 'accept', lot: `${id}.${v}` }),
    () => expert.v.post(`/agent/dossiers/${id}/avis`, { qui: `u:${solo.id}`, question: 'Et vous ?', echeance: day(2) }),
  ];
  for (const attempt of attempts) {
    const res = await attempt();
    assert.equal(res.statusCode, 404, `refused as if the dossier did not exist: ${res.statusCode} ${location(res)}`);
  }
  assert.equal(await snapshot(id), before, 'nothing changed');

  // Someone not asked: the dossier does not exist for him, nor for another administration.
  for (const who of [bystander, stranger]) {
    assert.equal((await who.v.get(`/agent/dossiers/${id}`)).statusCode, 404);
    const [opinion] = await opinions(id);
    await who.v.get('/agent');
    assert.equal((await who.v.post(`/agent/dossiers/${id}/avis/${opinion!.id}`, { avis: 'Avis forgé' })).statusCode, 404);
    assert.doesNotMatch((await who.v.get('/agent/avis')).body, new RegExp(id));
  }
  // A message's file is the correspondence with the applicant: not for the expert.
  const messageFile = newId();
  const message = newId();
  await t.ctx.db.insertInto('dossier_messages').values({ id: message, dossier_id: id, author_id: null, from_applicant: true, body: 'Voici', created_at: new Date() }).execute();
  await t.ctx.db.insertInto('dossier_attachments').values({ id: messageFile, dossier_id: id, field: null, message_id: message, blob_key: 'nope', name: 'lettre.pdf', kind: 'application/pdf', size: PDF.length, sha256: 'x' }).execute();
  assert.equal((await expert.v.get(`/agent/dossiers/${id}/pieces/${messageFile}`)).statusCode, 404);
  assert.equal(await t.ctx.db.selectFrom('dossier_opinions').select('answered_at').where('dossier_id', '=', id).executeTakeFirstOrThrow().then((o) => o.answered_at), null);
});

test('bad requests are said in French and change nothing', async () => {
  const { id } = await fileCasier(t);
  const before = await snapshot(id);
  const cases: [Record<string, string>, string][] = [
    [{ qui: `u:${newId()}` }, 'opinion-whom'],
    [{ qui: `u:${stranger.id}` }, 'opinion-whom'],
    [{ qui: `t:${teams.stranger}` }, 'opinion-whom'],
    [{ qui: `u:${agent.id}` }, 'opinion-whom'],
    [{ qui: "u:' OR 1=1 --" }, 'opinion-whom'],
    [{ qui: `u:${expert.id}`, question: '  ' }, 'opinion-question'],
    [{ qui: `u:${expert.id}`, question: 'q'.repeat(4001) }, 'opinion-question'],
    [{ qui: `u:${expert.id}`, echeance: day(-1) }, 'opinion-due'],
    [{ qui: `u:${expert.id}`, echeance: '2026-02-30' }, 'opinion-due'],
    [{ qui: `u:${expert.id}`, echeance: day(400) }, 'opinion-due'],
    [{ qui: `u:${expert.id}`, echeance: '' }, 'opinion-due'],
  ];
  for (const [fields, outcome] of cases) {
    const res = await ask(agent, id, fields);
    assert.equal(fait(res), outcome, JSON.stringify(fields));
  }
  assert.equal(await snapshot(id), before, 'nothing was written, nobody was told');
  const page = await agent.v.get(`/agent/dossiers/${id}?fait=opinion-whom`);
  assert.ok(page.body.includes('Choisissez dans la liste une personne ou une équipe de votre administration.'));
  // Due today is not late yet.
  assert.equal(fait(await ask(agent, id, { qui: `u:${expert.id}`, echeance: day(0) })), 'opinion-asked');
  assert.doesNotMatch((await expert.v.get('/agent/avis')).body, new RegExp(`${id}[\\s\\S]{0,600}En retard`));
});

test('a team asked: each member is told and any one answers for it; nobody answers a request made to someone else', async () => {
  const { id, reference } = await fileCasier(t);
  await t.ctx.db.deleteFrom('notifications').execute();
  assert.equal(fait(await ask(agent, id, { qui: `t:${teams.experts}` })), 'opinion-asked');
  const mails = await sentTo(await emailOf(expert));
  const sms = await sentTo('+22790112233');
  assert.equal(mails.length, 1, 'the e-mail member by e-mail');
  assert.equal(sms.length, 1, 'the phone-only member by SMS');
  assert.equal(sms[0]!.channel, 'sms');
  assert.ok(sms[0]!.body.includes(reference) && sms[0]!.body.includes(`/agent/dossiers/${id}`));
  assert.equal(fait(await ask(agent, id, { qui: `u:${solo.id}` })), 'opinion-asked');
  const [toTeam, toSolo] = await opinions(id);

  // The expert reads the dossier (the team request) but sees and answers only what was asked of him.
  const page = await expert.v.get(`/agent/dossiers/${id}`);
  assert.ok(!page.body.includes('Conseiller Seul'), "another expert's request is not shown to him");
  assert.equal(fait(await expert.v.post(`/agent/dossiers/${id}/avis/${toSolo!.id}`, { avis: 'Je réponds à sa place' })), 'opinion-notyours');
  assert.equal(fait(await agent.v.post(`/agent/dossiers/${id}/avis/${toSolo!.id}`, { avis: 'Je réponds à sa place' })), 'opinion-notyours');
  assert.equal((await opinions(id))[1]!.answered_at, null);

  await colleague.v.get(`/agent/dossiers/${id}`);
  assert.equal(fait(await colleague.v.post(`/agent/dossiers/${id}/avis/${toTeam!.id}`, { avis: 'Vu pour la cellule.' })), 'opinion-answered');
  assert.equal(fait(await expert.v.post(`/agent/dossiers/${id}/avis/${toTeam!.id}`, { avis: 'Moi aussi.' })), 'opinion-frozen');
  assert.equal((await opinions(id))[0]!.answered_by, colleague.id);
});

test('the list puts open requests first and marks late ones; the expert loses the dossier 30 days after its decision', async () => {
  const { id, reference } = await fileCasier(t);
  await ask(agent, id, { qui: `u:${solo.id}` });
  await t.ctx.db.updateTable('dossier_opinions').set({ due_at: new Date(Date.now() - 86_400_000) }).where('dossier_id', '=', id).execute();
  const list = await solo.v.get('/agent/avis');
  assert.match(list.body, new RegExp(`${reference}[\\s\\S]*?En retard`));
  const mine = (await expert.v.get('/agent/avis')).body;
  assert.ok(mine.includes('Rendu le') && mine.lastIndexOf('À rendre') < mine.indexOf('Rendu le'), 'open requests come before answered ones');

  // Decided: no more asking; the expert still reads it for a while, then not.
  await t.ctx.db.updateTable('dossiers').set({ status: 'accepted', decided_at: new Date(Date.now() - 29 * 86_400_000) }).where('id', '=', id).execute();
  assert.equal(fait(await ask(agent, id, { qui: `u:${expert.id}` })), 'state');
  assert.equal((await solo.v.get(`/agent/dossiers/${id}`)).statusCode, 200);
  await t.ctx.db.updateTable('dossiers').set({ decided_at: new Date(Date.now() - 31 * 86_400_000) }).where('id', '=', id).execute();
  assert.equal((await solo.v.get(`/agent/dossiers/${id}`)).statusCode, 404);
  assert.doesNotMatch((await solo.v.get('/agent/avis')).body, new RegExp(reference));
});

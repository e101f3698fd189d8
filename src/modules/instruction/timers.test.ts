// The worker's timers: silence decisions at the legal deadline and reminders to the team before it. Each
// test files its own dossiers and moves their deadlines in SQL; the task runs with an explicit clock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier, location } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { verifyAuditChain } from '../../platform/audit/index.ts';
import { dossierTimers } from './timers.ts';

const DAY = 86_400_000;
let t: TestApp;
let procedureId: string;
let run: (now: Date) => Promise<void>;
let agent: { id: string; v: Visitor };
let emails: { member: string; neighbour: string; manager: string };
const memberPhone = '+22799887766';

before(async () => {
  t = await startTestApp({ seed: true });
  const ids = await administrationsOf(t, 'extrait-casier-judiciaire');
  procedureId = ids.procedureId;
  const team = await makeTeam(t, ids.own, 'Greffe');
  const neighbour = await makeTeam(t, ids.own, 'Greffe voisin');
  const processing = { default_team_id: team, legal_delay_days: 10, silence: 'accept' as const };
  // The demo data may already route the procedure to a team of its own: ours replaces it.
  await t.ctx.db.insertInto('procedure_processing').values({ procedure_id: procedureId, ...processing }).onConflict((oc) => oc.column('procedure_id').doUpdateSet(processing)).execute();
  agent = await signedInStaff(t, { role: 'agent', administrationId: ids.own, teamIds: [team] });
  // A second member of the team who gave only a phone: reminded by SMS.
  const texter = await signedInStaff(t, { role: 'agent', administrationId: ids.own, teamIds: [team] });
  await t.ctx.db.updateTable('users').set({ email: null, phone: memberPhone }).where('id', '=', texter.id).execute();
  const others = [await signedInStaff(t, { role: 'agent', administrationId: ids.own, teamIds: [neighbour] }), await signedInStaff(t, { role: 'manager', administrationId: ids.own })];
  const emailOf = async (id: string) => (await t.ctx.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email!;
  emails = { member: await emailOf(agent.id), neighbour: await emailOf(others[0]!.id), manager: await emailOf(others[1]!.id) };
  const task = dossierTimers(t.config);
  run = (now) => task(t.ctx.db, now);
});
after(() => t.close());

const setSilence = (silence: 'none' | 'accept' | 'refuse') => t.ctx.db.updateTable('procedure_processing').set({ silence }).where('procedure_id', '=', procedureId).execute();
const dossier = (id: string) => t.ctx.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (id: string) => t.ctx.db.selectFrom('dossier_events').select(['kind', 'actor_id', 'note']).where('dossier_id', '=', id).orderBy('created_at').execute();
const audits = (id: string) => t.ctx.db.selectFrom('audit_log').select(['actor_id', 'action', 'details']).where('subject_id', '=', id).where('action', '=', 'dossier.decision').execute();
const sentTo = (recipient: string, text: string) =>
  t.ctx.db.selectFrom('notifications').select(['channel', 'subject', 'body']).where('recipient', '=', recipient).where('body', 'like', `%${text}%`).execute();
const applicantEmail = async (id: string) =>
  (await t.ctx.db.selectFrom('dossiers').innerJoin('users', 'users.id', 'dossiers.applicant_id').select('users.email').where('dossiers.id', '=', id).executeTakeFirstOrThrow()).email!;

/** A filed dossier whose deadline is `offsetMs` from now. */
async function filedDue(offsetMs: number): Promise<{ id: string; reference: string; v: Visitor }> {
  const filed = await fileCasier(t);
  await t.ctx.db.updateTable('dossiers').set({ due_at: new Date(Date.now() + offsetMs) }).where('id', '=', filed.id).execute();
  return filed;
}

describe('silence at the legal deadline', () => {
  test('silence means acceptance: the platform accepts, says why, tells the applicant and audits with no actor', async () => {
    await setSilence('accept');
    const { id, reference } = await filedDue(-3_600_000);
    const before = await dossier(id);
    await run(new Date());
    const row = await dossier(id);
    assert.equal(row.status, 'accepted');
    assert.ok(row.decided_at);
    assert.equal(row.version, before.version + 1);
    const decision = (await events(id)).at(-1)!;
    assert.equal(decision.kind, 'accepted_silence');
    assert.equal(decision.actor_id, null);
    assert.match(decision.note ?? '', /délai légal de traitement a expiré .* le silence vaut acceptation/);
    const [audit, ...more] = await audits(id);
    assert.equal(more.length, 0);
    assert.equal(audit!.actor_id, null);
    assert.deepEqual({ ...(audit!.details as object), dueAt: undefined }, { action: 'accept', status: 'accepted', automatic: true, reason: 'silence', dueAt: undefined });
    const told = await sentTo(await applicantEmail(id), reference);
    assert.equal(told.filter((m) => m.subject === `Dossier ${reference} accepté`).length, 1, 'the applicant is told once');
    assert.equal((await verifyAuditChain(t.ctx.db)).ok, true);
  });

  test('silence means refusal: refused, with the reason as motivation', async () => {
    await setSilence('refuse');
    const { id } = await filedDue(-60_000);
    await run(new Date());
    assert.equal((await dossier(id)).status, 'refused');
    const decision = (await events(id)).at(-1)!;
    assert.equal(decision.kind, 'refused_silence');
    assert.match(decision.note ?? '', /le silence vaut refus/);
  });

  test('silence means nothing: an overdue dossier is left to the agents', async () => {
    await setSilence('none');
    const { id } = await filedDue(-DAY);
    const before = await dossier(id);
    const kinds = (await events(id)).length;
    await run(new Date());
    const row = await dossier(id);
    assert.equal(row.status, 'submitted');
    assert.equal(row.version, before.version);
    assert.equal((await events(id)).length, kinds);
    assert.equal((await audits(id)).length, 0);
    // Out of the way of the tests below, which turn silence back on.
    await t.ctx.db.updateTable('dossiers').set({ status: 'closed' }).where('id', '=', id).execute();
  });

  test('a dossier not yet due, in correction, or decided by an agent is left alone', async () => {
    await setSilence('accept');
    const early = await filedDue(DAY);
    const waiting = await filedDue(-DAY);
    await t.ctx.db.updateTable('dossiers').set({ status: 'correction' }).where('id', '=', waiting.id).execute();
    const decided = await filedDue(-DAY);
    const page = await agent.v.get(`/agent/dossiers/${decided.id}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    const res = await agent.v.post(`/agent/dossiers/${decided.id}/decision`, { action: 'refuse', motivation: 'Pièce illisible.', version });
    assert.match(location(res), /fait=done/);
    const after = await dossier(decided.id);
    await run(new Date());
    assert.equal((await dossier(early.id)).status, 'submitted');
    assert.equal((await dossier(waiting.id)).status, 'correction');
    assert.deepEqual(await dossier(decided.id), after, 'the agent\'s decision stands, untouched');
    assert.deepEqual((await events(decided.id)).filter((e) => e.kind.endsWith('_silence')), []);
    await t.ctx.db.updateTable('dossiers').set({ status: 'closed' }).where('id', '=', waiting.id).execute();
  });

  test('an agent deciding while the worker runs: one decision, never two', async () => {
    await setSilence('accept');
    const { id } = await filedDue(-DAY);
    const page = await agent.v.get(`/agent/dossiers/${id}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    await Promise.all([run(new Date()), agent.v.post(`/agent/dossiers/${id}/decision`, { action: 'refuse', motivation: 'Pièce illisible.', version })]);
    const decisions = (await events(id)).filter((e) => /^(accepted|refused)/.test(e.kind));
    assert.equal(decisions.length, 1);
    assert.equal((await audits(id)).length, 1);
  });

  test('two instances running at once decide once, and neither fails', async () => {
    await setSilence('accept');
    const { id, reference } = await filedDue(-DAY);
    const now = new Date();
    await Promise.all([run(now), run(now), run(now)]);
    assert.equal((await dossier(id)).status, 'accepted');
    assert.equal((await events(id)).filter((e) => e.kind === 'accepted_silence').length, 1);
    assert.equal((await audits(id)).length, 1);
    assert.equal((await sentTo(await applicantEmail(id), reference)).filter((m) => m.subject === `Dossier ${reference} accepté`).length, 1);
  });
});

describe('reminders before the deadline', () => {
  test('the team is reminded once, by e-mail or SMS, and nobody else', async () => {
    await setSilence('accept');
    const { id, reference } = await filedDue(2 * DAY + 3_600_000);
    const far = await filedDue(10 * DAY);
    const version = (await dossier(id)).version;
    const now = new Date();
    await Promise.all([run(now), run(now)]);
    await run(new Date(now.getTime() + DAY));
    const mail = await sentTo(emails.member, reference);
    assert.equal(mail.length, 1, 'one e-mail to the agent of the team');
    assert.equal(mail[0]!.channel, 'email');
    assert.equal(mail[0]!.subject, `Échéance proche : dossier ${reference}`);
    assert.match(mail[0]!.body, /dans 3 j\. Sans décision d'ici là, le silence vaudra acceptation\./);
    assert.match(mail[0]!.body, new RegExp(`/agent/dossiers/${id}`));
    const sms = await sentTo(memberPhone, reference);
    assert.equal(sms.length, 1, 'one SMS to the member who has only a phone');
    assert.equal(sms[0]!.channel, 'sms');
    assert.deepEqual(await sentTo(emails.neighbour, reference), [], 'not the neighbouring team');
    assert.deepEqual(await sentTo(emails.manager, reference), [], 'not the manager');
    assert.deepEqual(await sentTo(emails.member, far.reference), [], 'not a dossier due in ten days');
    assert.equal((await dossier(id)).version, version, 'a reminder makes no open page of the dossier stale');
  });

  test('a correction stops the clock: the deadline moves back by its length, and one more reminder goes out', async () => {
    await setSilence('none');
    const { id, reference, v: applicant } = await filedDue(2 * DAY);
    await run(new Date());
    assert.equal((await sentTo(emails.member, reference)).length, 1);
    const page = await agent.v.get(`/agent/dossiers/${id}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    let res = await agent.v.post(`/agent/dossiers/${id}/correction`, { champs: ['nom_pere'], motif: 'Le nom du père est incomplet.', version });
    assert.match(location(res), /fait=done/);
    // The applicant takes five days to answer.
    await sql`UPDATE dossier_corrections SET created_at = now() - interval '5 days' WHERE dossier_id = ${id}`.execute(t.ctx.db);
    const due = (await dossier(id)).due_at!;
    await applicant.get(`/dossiers/${id}/correction`);
    res = await applicant.postMultipart(`/dossiers/${id}/correction?_csrf=${applicant.csrf}`, { nom_pere: 'Issoufou Moussa Garba' });
    assert.equal(location(res), `/dossiers/${id}?corrige=1`);
    const moved = (await dossier(id)).due_at!;
    assert.ok(Math.abs(moved.getTime() - due.getTime() - 5 * DAY) < 60_000, `the deadline moved by five days: ${due.toISOString()} → ${moved.toISOString()}`);
    await run(new Date());
    assert.equal((await sentTo(emails.member, reference)).length, 1, 'seven days left: no reminder yet');
    await run(new Date(moved.getTime() - DAY));
    assert.equal((await sentTo(emails.member, reference)).length, 2, 'reminded again before the new deadline');
  });
});

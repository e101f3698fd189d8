import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/support/app.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { signInAgentVisitor } from '../../../test/support/agent.ts';
import { totp } from '../../platform/auth/totp.ts';
import { listAudit } from '../../platform/audit/index.ts';
import { addAdministration, addStaff, browser, codeIn, countMessages, GATED, lastMessage, PASSWORD, startStaffTestApp } from './test-setup.ts';

let t: TestApp;
let justice: string; // administration A, with a service under it
let tribunal: string;
let sante: string; // administration B
let managerA: Visitor;
let managerB: Visitor;
let agentA: Awaited<ReturnType<typeof addStaff>>;
let agentB: Awaited<ReturnType<typeof addStaff>>;
let teamB: string;

before(async () => {
  t = await startStaffTestApp();
  justice = await addAdministration(t, 'Ministère de la Justice');
  tribunal = await addAdministration(t, 'Tribunal de grande instance de Niamey', justice);
  sante = await addAdministration(t, 'Ministère de la Santé');
  managerA = await signInAgentVisitor(t.app, await addStaff(t, { role: 'manager', administrationId: justice }));
  managerB = await signInAgentVisitor(t.app, await addStaff(t, { role: 'manager', administrationId: sante }));
  agentA = await addStaff(t, { administrationId: tribunal });
  agentB = await addStaff(t, { administrationId: sante });
  await managerB.get('/agent/equipes');
  await managerB.post('/agent/equipes', { name: 'Pharmacies' });
  teamB = (await t.ctx.db.selectFrom('teams').select('id').where('name', '=', 'Pharmacies').executeTakeFirstOrThrow()).id;
});
after(() => t.close());

const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');
const teamId = async (name: string) => (await t.ctx.db.selectFrom('teams').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const members = async (team: string) => (await t.ctx.db.selectFrom('team_members').select('user_id').where('team_id', '=', team).execute()).map((r) => r.user_id);
const count = async (table: 'teams' | 'team_members' | 'staff_invitations' | 'users' | 'notifications') =>
  Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const linkIn = (body: string) => /\/agent\/invitation\/[A-Za-z0-9_-]+/.exec(body)?.[0] ?? assert.fail(`no invitation link in: ${body}`);
const secretOn = (html: string) => /secret=([A-Z2-7]+)/.exec(html)?.[1] ?? assert.fail('no TOTP secret on the page');

describe('teams of an administration', () => {
  test('a manager creates a team, adds an agent of a service under his administration, and removes him', async () => {
    const page = await managerA.get('/agent/equipes');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Équipes et agents/);
    assert.match(page.body, /Tribunal de grande instance de Niamey/, 'the services under the ministry are listed');
    const created = await managerA.post('/agent/equipes', { name: '  Casier   judiciaire ', administration: tribunal });
    assert.equal(created.statusCode, 303);
    const team = await teamId('Casier judiciaire');
    assert.match((await managerA.get(location(created))).body, /L&#39;équipe a été créée|L'équipe a été créée/);

    const added = await managerA.post(`/agent/equipes/${team}/membres`, { [`member-${team}`]: agentA.id });
    assert.equal(added.statusCode, 303);
    assert.deepEqual(await members(team), [agentA.id]);
    const listed = await managerA.get('/agent/equipes');
    assert.match(listed.body, new RegExp(agentA.email.replace('.', '\\.')));

    const removed = await managerA.post(`/agent/equipes/${team}/membres/${agentA.id}/retrait`, {});
    assert.equal(removed.statusCode, 303);
    assert.deepEqual(await members(team), []);

    const audit = await listAudit(t.ctx.db, { administrationIds: [tribunal], limit: 10 });
    const actions = audit.entries.map((e) => `${e.action} ${e.subjectId}`);
    assert.ok(actions.includes(`rights.team_member_added ${agentA.id}`), actions.join(', '));
    assert.ok(actions.includes(`rights.team_member_removed ${agentA.id}`));
  });

  test('a team needs a name, unique in its administration', async () => {
    await managerA.get('/agent/equipes');
    const empty = await managerA.post('/agent/equipes', { name: '   ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Donnez un nom à l&#39;équipe|Donnez un nom à l'équipe/);
    await managerA.get('/agent/equipes');
    assert.equal((await managerA.post('/agent/equipes', { name: 'État civil' })).statusCode, 303);
    await managerA.get('/agent/equipes');
    const twice = await managerA.post('/agent/equipes', { name: 'état CIVIL' });
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /porte déjà ce nom/);
    await managerA.get('/agent/equipes');
    const noone = await managerA.post(`/agent/equipes/${await teamId('État civil')}/membres`, {});
    assert.equal(noone.statusCode, 400);
    assert.match(noone.body, /Choisissez la personne/);
  });

  test('a manager of administration A cannot touch the teams or people of B: 404 and nothing changes', async () => {
    await managerA.get('/agent/equipes');
    const ownTeam = await teamId('État civil');
    const before = { teams: await count('teams'), members: await count('team_members'), invitations: await count('staff_invitations'), sent: await count('notifications') };
    await t.ctx.db.insertInto('team_members').values({ team_id: teamB, user_id: agentB.id }).execute();
    const attempts: [string, Record<string, string>][] = [
      [`/agent/equipes/${teamB}/membres`, { [`member-${teamB}`]: agentA.id }],
      [`/agent/equipes/${ownTeam}/membres`, { [`member-${ownTeam}`]: agentB.id }],
      [`/agent/equipes/${teamB}/membres/${agentB.id}/retrait`, {}],
      [`/agent/equipes/NOPE/membres`, { 'member-NOPE': agentA.id }],
      ['/agent/equipes', { name: 'Intrus', administration: sante }],
      ['/agent/invitations', { contact: 'intrus@sante.ne', role: 'agent', team: teamB }],
      ['/agent/invitations', { contact: 'intrus@sante.ne', role: 'agent', inviteadmin: sante }],
    ];
    for (const [url, fields] of attempts) {
      await managerA.get('/agent/equipes');
      const res = await managerA.post(url, fields);
      assert.equal(res.statusCode, 404, `${url} ${JSON.stringify(fields)}`);
    }
    assert.deepEqual(await members(teamB), [agentB.id]);
    assert.equal(await count('teams'), before.teams);
    assert.equal(await count('team_members'), before.members + 1);
    assert.equal(await count('staff_invitations'), before.invitations);
    assert.equal(await count('notifications'), before.sent);
    assert.doesNotMatch((await managerA.get('/agent/equipes')).body, /Pharmacies/);
  });

  test('agents, applicants and half-signed-in managers do not reach the teams page', async () => {
    const agent = await signInAgentVisitor(t.app, await addStaff(t, { administrationId: justice }));
    assert.equal((await agent.get('/agent/equipes')).statusCode, 403);
    const applicant = browser(t);
    await applicant.get('/inscription');
    await applicant.post('/inscription/email', { email: 'demandeur.equipes@exemple.ne', ename: 'Demandeur', password: PASSWORD });
    assert.equal((await applicant.get('/agent/equipes')).statusCode, 403);
    await applicant.get('/mon-compte');
    assert.equal((await applicant.post('/agent/equipes', { name: 'Pirates' })).statusCode, 403);
    const anonymous = browser(t);
    assert.equal(location(await anonymous.get('/agent/equipes')), '/agent/connexion');
    const manager = await addStaff(t, { role: 'manager', administrationId: justice });
    const half = browser(t);
    await half.get('/agent/connexion');
    await half.post('/agent/connexion', { email: manager.email, password: manager.password });
    assert.equal(location(await half.get('/agent/equipes')), '/agent/connexion/verification');
  });
});

describe('invitations', () => {
  test('by e-mail: the invitee sets up an app, lands in the team with the role, signed in with both factors', async () => {
    await managerA.get('/agent/equipes');
    const team = await teamId('État civil');
    const sent = await managerA.post('/agent/invitations', { contact: 'Fatouma.Hamani@Justice.ne', role: 'agent', team });
    assert.equal(sent.statusCode, 303);
    assert.match((await managerA.get(location(sent))).body, /fatouma\.hamani@justice\.ne/, 'the open invitation is listed');
    const mail = await lastMessage(t, 'fatouma.hamani@justice.ne');
    assert.equal(mail.channel, 'email');
    assert.match(mail.subject!, /Ministère de la Justice/);
    assert.match(mail.body, new RegExp(`^${t.config.publicUrl}/agent/invitation/`, 'm'));
    const link = linkIn(mail.body);

    const invitee = browser(t);
    const page = await invitee.get(link);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /équipe État civil/);
    assert.match(page.body, /<img class="qr" src="data:image\/svg\+xml;base64,/);
    assert.match(page.body, /otpauth:\/\/totp\//);
    assert.match(page.body, /name="_csrf"/);
    const secret = secretOn(page.body);

    const short = await invitee.post(link, { name: 'Fatouma Hamani', password: 'court', method: 'totp', code: totp(secret) });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /au moins 10 caractères/);
    const wrong = await invitee.post(link, { name: 'Fatouma Hamani', password: PASSWORD, method: 'totp', code: '000000' === totp(secret) ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.equal(await t.ctx.db.selectFrom('users').select('id').where('email', '=', 'fatouma.hamani@justice.ne').executeTakeFirst(), undefined, 'nothing made yet');

    const code = totp(secret);
    const ok = await invitee.post(link, { name: 'Fatouma Hamani', password: PASSWORD, method: 'totp', code });
    assert.equal(ok.statusCode, 303);
    assert.equal(location(ok), '/agent');
    const user = await t.ctx.db.selectFrom('users').selectAll().where('email', '=', 'fatouma.hamani@justice.ne').executeTakeFirstOrThrow();
    assert.equal(user.role, 'agent');
    assert.equal(user.administration_id, justice);
    assert.equal(user.name, 'Fatouma Hamani');
    assert.ok((await members(team)).includes(user.id));
    assert.equal((await invitee.get(GATED)).statusCode, 200, 'signed in with the second factor');

    // The link works once; the code that confirmed the app cannot be replayed at sign-in.
    assert.equal((await browser(t).get(link)).statusCode, 404);
    const v = browser(t);
    await v.get('/agent/connexion');
    await v.post('/agent/connexion', { email: 'fatouma.hamani@justice.ne', password: PASSWORD });
    await v.get('/agent/connexion/verification');
    assert.equal((await v.post('/agent/connexion/verification', { code })).statusCode, 400);
    assert.equal((await v.post('/agent/connexion/verification', { code: totp(secret, Date.now() + 30_000) })).statusCode, 303);

    const audit = await listAudit(t.ctx.db, { administrationIds: [justice], limit: 20 });
    const accepted = audit.entries.find((e) => e.action === 'rights.invitation_accepted' && e.subjectId === user.id);
    assert.ok(accepted, 'the rights granted are in the audit log');
    assert.equal(accepted.details.role, 'agent');
    assert.equal(accepted.details.teamId, team);
  });

  test('by SMS: the invitee gives an e-mail, chooses SMS codes, and later signs in with a code by SMS', async () => {
    await managerA.get('/agent/equipes');
    const sent = await managerA.post('/agent/invitations', { contact: '90 77 66 55', role: 'manager', team: '', inviteadmin: tribunal });
    assert.equal(sent.statusCode, 303);
    const sms = await lastMessage(t, '+22790776655');
    assert.equal(sms.channel, 'sms');
    const link = linkIn(sms.body);
    const invitee = browser(t);
    const page = await invitee.get(link);
    assert.match(page.body, /\+22790776655/);
    const missing = await invitee.post(link, { name: 'Ousmane Garba', email: 'pas-une-adresse', password: PASSWORD, method: 'sms' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /adresse e-mail valide/);
    const ok = await invitee.post(link, { name: 'Ousmane Garba', email: 'ousmane.garba@justice.ne', password: PASSWORD, method: 'sms' });
    assert.equal(ok.statusCode, 303);
    const user = await t.ctx.db.selectFrom('users').selectAll().where('email', '=', 'ousmane.garba@justice.ne').executeTakeFirstOrThrow();
    assert.equal(user.role, 'manager');
    assert.equal(user.administration_id, tribunal);
    assert.equal(user.phone, '+22790776655');
    assert.equal((await invitee.get('/agent/equipes')).statusCode, 200, 'a manager of the service, signed in');

    const v = browser(t);
    await v.get('/agent/connexion');
    await v.post('/agent/connexion', { email: 'ousmane.garba@justice.ne', password: PASSWORD });
    await v.get('/agent/connexion/verification');
    const code = codeIn((await lastMessage(t, '+22790776655')).body);
    assert.equal((await v.post('/agent/connexion/verification', { code })).statusCode, 303);
    assert.equal((await v.get(GATED)).statusCode, 200);
  });

  test('bad invitations get clear messages and send nothing', async () => {
    const sent = await count('notifications');
    for (const [fields, message] of [
      [{ contact: 'nimporte quoi', role: 'agent' }, /adresse e-mail valide ou un numéro/],
      [{ contact: '+33 6 12 34 56 78', role: 'agent' }, /adresse e-mail valide ou un numéro/],
      [{ contact: 'x@justice.ne', role: 'operator' }, /agent ou responsable/],
      [{ contact: agentA.email, role: 'agent' }, /déjà un compte/],
    ] as const) {
      await managerA.get('/agent/equipes');
      const res = await managerA.post('/agent/invitations', fields);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message);
    }
    assert.equal(await count('notifications'), sent);
  });

  test('an expired invitation, or an unknown token, is refused', async () => {
    await managerA.get('/agent/equipes');
    await managerA.post('/agent/invitations', { contact: 'tardif@justice.ne', role: 'agent' });
    const link = linkIn((await lastMessage(t, 'tardif@justice.ne')).body);
    const invitee = browser(t);
    const page = await invitee.get(link);
    await t.ctx.db.updateTable('staff_invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('email', '=', 'tardif@justice.ne').execute();
    const res = await invitee.post(link, { name: 'Tardif', password: PASSWORD, method: 'totp', code: totp(secretOn(page.body)) });
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /plus valable/);
    assert.equal((await browser(t).get('/agent/invitation/inconnu')).statusCode, 404);
    assert.equal((await browser(t).get(`/agent/invitation/${'x'.repeat(99)}`)).statusCode, 404);
    const huge = await browser(t).get(`/agent/invitation/${'x'.repeat(500)}`);
    assert.ok(huge.statusCode >= 400 && huge.statusCode < 500, `a refusal, not a fault (${huge.statusCode})`);
    assert.equal(await t.ctx.db.selectFrom('users').select('id').where('email', '=', 'tardif@justice.ne').executeTakeFirst(), undefined);
    assert.equal(await countMessages(t, 'tardif@justice.ne'), 1);
  });
});

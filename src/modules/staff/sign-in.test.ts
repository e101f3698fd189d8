import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/support/app.ts';
import { signInAgent, signInAgentVisitor } from '../../../test/support/agent.ts';
import { totp } from '../../platform/auth/totp.ts';
import { addAdministration, addStaff, browser, codeIn, countMessages, GATED, lastMessage, PASSWORD, startStaffTestApp } from './test-setup.ts';

let t: TestApp;
let justice: string;
before(async () => {
  t = await startStaffTestApp();
  justice = await addAdministration(t, 'Ministère de la Justice');
});
after(() => t.close());

const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');

/** A browser past the password step, on the second-factor page. */
async function afterPassword(who: { email: string; password: string }) {
  const v = browser(t);
  await v.get('/agent/connexion');
  const res = await v.post('/agent/connexion', { email: who.email, password: who.password });
  assert.equal(res.statusCode, 303);
  assert.equal(location(res), '/agent/connexion/verification');
  const page = await v.get('/agent/connexion/verification');
  assert.equal(page.statusCode, 200);
  return v;
}

describe('agent sign-in with a TOTP second factor', () => {
  test('the password alone does not open the back office; the code does, in a new session', async () => {
    const agent = await addStaff(t, { administrationId: justice });
    const v = browser(t);
    await v.get('/agent/connexion'); // a session, in which the gate remembers the page asked for
    const gate = await v.get(GATED);
    assert.equal(gate.statusCode, 303);
    assert.equal(location(gate), '/agent/connexion');
    await v.get('/agent/connexion');
    await v.post('/agent/connexion', { email: agent.email, password: agent.password });
    const halfway = await v.get(GATED);
    assert.equal(location(halfway), '/agent/connexion/verification', 'a password alone leads to the second step');
    const page = await v.get('/agent/connexion/verification');
    assert.match(page.body, /application d&#39;authentification|application d'authentification/);
    assert.match(page.body, /Faire confiance à cet appareil pendant 30 jours/);
    const before = v.cookies.get('gsid');
    const ok = await v.post('/agent/connexion/verification', { code: totp(agent.totpSecret) });
    assert.equal(ok.statusCode, 303);
    assert.equal(location(ok), GATED, 'back to the page the agent asked for');
    assert.notEqual(v.cookies.get('gsid'), before, 'the session id changes when the second factor is passed');
    const through = await v.get(GATED);
    assert.equal(through.statusCode, 200);
    assert.equal(through.json().id, agent.id);
  });

  test('the test helper signs in for real and returns a working cookie, twice within 30 seconds', async () => {
    const agent = await addStaff(t, { administrationId: justice });
    for (let i = 0; i < 2; i++) {
      const cookie = await signInAgent(t.app, agent);
      const res = await t.app.inject({ url: GATED, headers: { cookie } });
      assert.equal(res.statusCode, 200);
    }
  });

  test('a wrong code, an expired code and a code already used are refused with a clear message', async () => {
    const agent = await addStaff(t, { administrationId: justice });
    const v = await afterPassword(agent);
    const good = totp(agent.totpSecret);
    const wrong = good === '000000' ? '111111' : '000000';
    const refused = await v.post('/agent/connexion/verification', { code: wrong });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Ce code n&#39;est pas le bon|Ce code n'est pas le bon/);
    const expired = await v.post('/agent/connexion/verification', { code: totp(agent.totpSecret, Date.now() - 90_000) });
    assert.equal(expired.statusCode, 400, 'a code of three steps ago');
    for (const code of ['', '12', 'abcdef', '1234567', "'; DROP TABLE users; --"]) {
      const res = await v.post('/agent/connexion/verification', { code });
      assert.equal(res.statusCode, 400, code);
      assert.match(res.body, /6 chiffres/);
    }
    assert.equal((await v.get(GATED)).statusCode, 303, 'still not through');
    assert.equal((await v.post('/agent/connexion/verification', { code: good })).statusCode, 303);

    // The same code again, from another browser that knows the password: a replay.
    const other = await afterPassword(agent);
    const replay = await other.post('/agent/connexion/verification', { code: good });
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /déjà servi/);
    assert.equal((await other.get(GATED)).statusCode, 303);
  });

  test('guessing is limited per person: after ten tries even the right code waits', async () => {
    const agent = await addStaff(t, { administrationId: justice });
    const v = await afterPassword(agent);
    const good = totp(agent.totpSecret);
    const wrong = String((Number(good) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 10; i++) await v.post('/agent/connexion/verification', { code: wrong });
    const blocked = await v.post('/agent/connexion/verification', { code: good });
    assert.equal(blocked.statusCode, 400);
    assert.match(blocked.body, /Trop de tentatives/);
  });

  test('a wrong password or a citizen account does not start the second step', async () => {
    const agent = await addStaff(t, { administrationId: justice });
    const v = browser(t);
    await v.get('/agent/connexion');
    const wrong = await v.post('/agent/connexion', { email: agent.email, password: 'pas le bon mot de passe' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Adresse e-mail ou mot de passe incorrect/);
    assert.equal(location(await v.get('/agent/connexion/verification')), '/agent/connexion');

    const citizen = browser(t);
    await citizen.get('/inscription');
    await citizen.post('/inscription/email', { email: 'usager.simple@exemple.ne', ename: 'Usager', password: PASSWORD });
    const other = browser(t);
    await other.get('/agent/connexion');
    const res = await other.post('/agent/connexion', { email: 'usager.simple@exemple.ne', password: PASSWORD });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /n&#39;a pas accès à l&#39;espace agents|n'a pas accès à l'espace agents/);
    // Signed in as a citizen, the back office answers 403.
    assert.equal((await citizen.get(GATED)).statusCode, 403);
    assert.equal((await citizen.get('/agent/equipes')).statusCode, 403);
  });

  test('a staff member using the citizen sign-in form lands on the second factor, then on the back office', async () => {
    const agent = await addStaff(t, { administrationId: justice });
    const v = browser(t);
    await v.get('/connexion');
    const res = await v.post('/connexion/email', { email: agent.email, password: agent.password });
    assert.equal(res.statusCode, 303);
    assert.equal(location(res), '/agent/connexion/verification');
    assert.equal(location(await v.get(GATED)), '/agent/connexion/verification');
    await v.get('/agent/connexion/verification');
    const ok = await v.post('/agent/connexion/verification', { code: totp(agent.totpSecret, Date.now() + 30_000) });
    assert.equal(ok.statusCode, 303);
    assert.equal((await v.get(GATED)).statusCode, 200);
  });

  test('a staff member signed in by SMS code alone must still give the password', async () => {
    await addStaff(t, { administrationId: justice, phone: '+22790445566' });
    const v = browser(t);
    await v.get('/connexion');
    await v.post('/connexion/telephone', { phone: '+22790445566' });
    await v.get('/connexion/code');
    const sms = await lastMessage(t, '+22790445566');
    assert.equal((await v.post('/connexion/code', { code: codeIn(sms.body) })).statusCode, 303);
    assert.equal(location(await v.get(GATED)), '/agent/connexion/verification');
    const step = await v.get('/agent/connexion/verification');
    assert.equal(location(step), '/agent/connexion?expire=1', 'no password was typed: back to the password');
    assert.match((await v.get('/agent/connexion?expire=1')).body, /saisissez de nouveau votre mot de passe/);
  });

  test('every sign-in form carries a CSRF token and refuses a post without it', async () => {
    const agent = await addStaff(t, { administrationId: justice });
    const v = browser(t);
    const page = await v.get('/agent/connexion');
    assert.match(page.body, /name="_csrf" value="[^"]+"/);
    const forged = await v.post('/agent/connexion', { email: agent.email, password: agent.password, _csrf: 'x' });
    assert.equal(forged.statusCode, 403);
    await v.get('/agent/connexion');
    const huge = await v.post('/agent/connexion', { email: 'a'.repeat(5000), password: 'p'.repeat(5000) });
    assert.equal(huge.statusCode, 400);
  });
});

describe('codes by SMS or e-mail', () => {
  test('an SMS agent receives a code on the second step; a wrong code, then the right one', async () => {
    const agent = await addStaff(t, { administrationId: justice, method: 'sms', phone: '+22791223344' });
    const v = await afterPassword(agent);
    assert.match(v.lastHtml, /\+227 •• •• 33 44/);
    const sms = await lastMessage(t, '+22791223344');
    assert.equal(sms.channel, 'sms');
    const code = codeIn(sms.body);
    // Reloading the page does not send another code.
    await v.get('/agent/connexion/verification');
    assert.equal(await countMessages(t, '+22791223344'), 1);
    const wrong = await v.post('/agent/connexion/verification', { code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 400);
    const ok = await v.post('/agent/connexion/verification', { code });
    assert.equal(ok.statusCode, 303);
    assert.equal((await v.get(GATED)).statusCode, 200);
  });

  test('five wrong codes lock the code; "send a new code" sends one that works; an expired code is refused', async () => {
    const agent = await addStaff(t, { administrationId: justice, method: 'sms', phone: '+22792334455' });
    const v = await afterPassword(agent);
    const code = codeIn((await lastMessage(t, '+22792334455')).body);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await v.post('/agent/connexion/verification', { code: wrong });
    const locked = await v.post('/agent/connexion/verification', { code });
    assert.equal(locked.statusCode, 400);
    assert.match(locked.body, /Trop de codes erronés/);

    await v.get('/agent/connexion/verification');
    const resend = await v.post('/agent/connexion/verification/nouveau-code', {});
    assert.equal(location(resend), '/agent/connexion/verification?envoye=1');
    assert.match((await v.get('/agent/connexion/verification?envoye=1')).body, /Un nouveau code vient d&#39;être envoyé|Un nouveau code vient d'être envoyé/);
    const fresh = codeIn((await lastMessage(t, '+22792334455')).body);

    await t.ctx.db.updateTable('staff_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', agent.id).execute();
    const expired = await v.post('/agent/connexion/verification', { code: fresh });
    assert.equal(expired.statusCode, 400);
    assert.match(expired.body, /expiré/);

    await v.post('/agent/connexion/verification/nouveau-code', {});
    const ok = await v.post('/agent/connexion/verification', { code: codeIn((await lastMessage(t, '+22792334455')).body) });
    assert.equal(ok.statusCode, 303);
  });

  test('sending codes is limited: the sixth request in an hour is refused', async () => {
    const agent = await addStaff(t, { administrationId: justice, method: 'sms', phone: '+22793445566' });
    const v = await afterPassword(agent); // the first code
    for (let i = 0; i < 4; i++) assert.equal((await v.post('/agent/connexion/verification/nouveau-code', {})).statusCode, 303);
    const refused = await v.post('/agent/connexion/verification/nouveau-code', {});
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /Trop de codes demandés/);
    assert.equal(await countMessages(t, '+22793445566'), 5);
  });

  test('an e-mail agent, and staff made without a factor (demo data), receive the code by e-mail', async () => {
    const withEmail = await addStaff(t, { administrationId: justice, method: 'email' });
    await t.ctx.db.deleteFrom('staff_second_factors').where('user_id', '=', withEmail.id).execute();
    const v = await afterPassword(withEmail);
    const mail = await lastMessage(t, withEmail.email);
    assert.equal(mail.channel, 'email');
    assert.ok(mail.subject);
    assert.equal((await v.post('/agent/connexion/verification', { code: codeIn(mail.body) })).statusCode, 303);
    assert.equal((await v.get(GATED)).statusCode, 200);
  });
});

describe('trusted browsers', () => {
  test('a trusted browser skips the second step for 30 days, for that person only', async () => {
    const agent = await addStaff(t, { administrationId: justice });
    const v = await afterPassword(agent);
    const ok = await v.post('/agent/connexion/verification', { code: totp(agent.totpSecret), trust: 'on' });
    assert.equal(ok.statusCode, 303);
    const cookie = ok.cookies.find((c) => c.name === 'gtd');
    assert.ok(cookie, 'a trusted-device cookie is set');
    assert.equal(cookie.httpOnly, true);
    const days = (new Date(cookie.expires!).getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `the cookie lasts 30 days (${days})`);
    const stored = await t.ctx.db.selectFrom('trusted_devices').selectAll().where('user_id', '=', agent.id).executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, cookie.value, 'only a hash of the token is stored');

    // Sign out, sign in again: the password is enough on this browser.
    await v.get('/agent/connexion/verification');
    await v.post('/deconnexion', {});
    await v.get('/agent/connexion');
    await v.post('/agent/connexion', { email: agent.email, password: agent.password });
    const skipped = await v.get('/agent/connexion/verification');
    assert.equal(skipped.statusCode, 303);
    assert.equal(location(skipped), '/agent');
    assert.equal((await v.get(GATED)).statusCode, 200);

    // Another person on the same browser, after the first one signed out, still gives a code.
    await v.get('/mon-compte');
    await v.post('/deconnexion', {});
    const colleague = await addStaff(t, { administrationId: justice });
    await v.get('/agent/connexion');
    await v.post('/agent/connexion', { email: colleague.email, password: colleague.password });
    assert.ok(v.cookies.has('gtd'));
    const asked = await v.get('/agent/connexion/verification');
    assert.equal(asked.statusCode, 200, 'the trust of one person does not cover another');
    assert.equal(location(await v.get(GATED)), '/agent/connexion/verification');

    // After 30 days, the trust is gone.
    await t.ctx.db.updateTable('trusted_devices').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', agent.id).execute();
    await v.get('/agent/connexion');
    await v.post('/agent/connexion', { email: agent.email, password: agent.password });
    assert.equal((await v.get('/agent/connexion/verification')).statusCode, 200, 'the code is asked again');
  });

  test('a forged trusted-device cookie is ignored', async () => {
    const agent = await addStaff(t, { administrationId: justice });
    const v = browser(t);
    v.cookies.set('gtd', 'forged-token');
    await v.get('/agent/connexion');
    await v.post('/agent/connexion', { email: agent.email, password: agent.password });
    assert.equal((await v.get('/agent/connexion/verification')).statusCode, 200);
  });
});

test('signInAgentVisitor leaves a browser ready to post forms', async () => {
  const manager = await addStaff(t, { role: 'manager', administrationId: justice });
  const v = await signInAgentVisitor(t.app, manager);
  assert.equal((await v.get('/agent/equipes')).statusCode, 200);
  assert.ok(v.csrf);
});

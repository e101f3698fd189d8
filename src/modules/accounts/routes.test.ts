import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { Visitor } from '../../../test/support/browser-session.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

let ipCounter = 0;
/** Each visitor comes from its own address so per-IP limits of one test do not leak into another. */
const visitor = () => new Visitor(t.app, { 'x-forwarded-for': `10.0.0.${++ipCounter}` });

async function latestCode(phone: string): Promise<string> {
  const res = await t.app.inject('/dev/outbox.json');
  const messages = res.json() as { channel: string; to: string; body: string }[];
  const sms = messages.find((m) => m.channel === 'sms' && m.to === phone);
  assert.ok(sms, `an SMS to ${phone} is in the outbox`);
  return /\b(\d{6})\b/.exec(sms.body)![1]!;
}

const countUsers = async () => Number((await t.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('sign-up and sign-in by phone', () => {
  test('a newcomer signs up with a local Niger number, receives a code by SMS and is signed in', async () => {
    const v = visitor();
    await v.get('/inscription');
    const sent = await v.post('/connexion/telephone', { phone: '96 12 34 56', name: 'Moussa Ali' });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/connexion/code');
    const codePage = await v.get('/connexion/code');
    assert.match(codePage.body, /\+227 •• •• 34 56/);
    const before = v.cookies.get('gsid');
    const ok = await v.post('/connexion/code', { code: await latestCode('+22796123456') });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/mon-compte?bienvenue=1');
    assert.notEqual(v.cookies.get('gsid'), before, 'the session id changes at sign-in');
    const account = await v.get('/mon-compte');
    assert.match(account.body, /Moussa Ali/);
    assert.match(account.body, /\+22796123456/);
  });

  test('Senegal and Côte d\'Ivoire numbers are accepted in international form', async () => {
    for (const [input, e164] of [
      ['+221 77 123 45 67', '+221771234567'],
      ['00225 07 01 02 03 04', '+2250701020304'],
    ] as const) {
      const v = visitor();
      await v.get('/connexion');
      const res = await v.post('/connexion/telephone', { phone: input });
      assert.equal(res.statusCode, 303, input);
      await v.get('/connexion/code');
      await v.post('/connexion/code', { code: await latestCode(e164) });
      assert.equal((await v.get('/mon-compte')).statusCode, 200);
    }
  });

  test('an invalid number gets a clear message and creates nothing', async () => {
    const users = await countUsers();
    const outbox = (await t.app.inject('/dev/outbox.json')).json().length;
    for (const phone of ['12', '+33 6 12 34 56 78', '+227 12', "'; DROP TABLE users; --", '']) {
      const v = visitor();
      await v.get('/connexion');
      const res = await v.post('/connexion/telephone', { phone });
      assert.equal(res.statusCode, 400, phone);
      assert.match(res.body, /Saisissez un numéro de téléphone valide/);
    }
    assert.equal(await countUsers(), users);
    assert.equal((await t.app.inject('/dev/outbox.json')).json().length, outbox);
  });

  test('the error message follows the language of the visitor', async () => {
    const v = visitor();
    await v.get('/connexion?lang=en');
    const res = await v.post('/connexion/telephone', { phone: 'abc' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /valid phone number/i);
  });

  test('a wrong code is refused, and after five wrong codes even the right one is refused', async () => {
    const v = visitor();
    await v.get('/connexion');
    await v.post('/connexion/telephone', { phone: '+227 90 55 44 33' });
    await v.get('/connexion/code');
    const code = await latestCode('+22790554433');
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await v.post('/connexion/code', { code: wrong });
    assert.equal(first.statusCode, 400);
    assert.match(first.body, /Ce code n&#39;est pas le bon|Ce code n'est pas le bon/);
    for (let i = 0; i < 4; i++) await v.post('/connexion/code', { code: wrong });
    const locked = await v.post('/connexion/code', { code });
    assert.equal(locked.statusCode, 400);
    assert.match(locked.body, /Trop de codes erronés/);
    assert.equal((await v.get('/mon-compte')).statusCode, 303, 'still signed out');
  });

  test('an expired code is refused', async () => {
    const v = visitor();
    await v.get('/connexion');
    await v.post('/connexion/telephone', { phone: '+227 90 66 77 88' });
    await v.get('/connexion/code');
    const code = await latestCode('+22790667788');
    await t.ctx.db.updateTable('otp_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('phone', '=', '+22790667788').execute();
    const res = await v.post('/connexion/code', { code });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /expiré/);
  });

  test('a code works once', async () => {
    const v = visitor();
    await v.get('/connexion');
    await v.post('/connexion/telephone', { phone: '+227 91 11 22 33' });
    const code = await latestCode('+22791112233');
    const other = visitor();
    await other.get('/connexion');
    await v.get('/connexion/code');
    assert.equal((await v.post('/connexion/code', { code })).statusCode, 303);
    // A second browser that asked for the same number replays the used code.
    await other.post('/connexion/telephone', { phone: '+227 91 11 22 33' });
    await t.ctx.db.updateTable('otp_codes').set({ used_at: new Date() }).where('phone', '=', '+22791112233').execute();
    await other.get('/connexion/code');
    const replay = await other.post('/connexion/code', { code });
    assert.equal(replay.statusCode, 400);
  });

  test('codes for one number are limited per hour', async () => {
    const v = visitor();
    await v.get('/connexion');
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await v.post('/connexion/telephone', { phone: '+227 92 00 00 09' })).statusCode);
    assert.deepEqual(statuses.slice(0, 5), [303, 303, 303, 303, 303]);
    assert.equal(statuses[6], 400);
    assert.match(v.lastHtml, /Trop de tentatives/);
  });
});

describe('e-mail and password', () => {
  test('sign up, sign out, sign in again', async () => {
    const v = visitor();
    await v.get('/inscription');
    const res = await v.post('/inscription/email', { ename: 'Awa Diop', email: 'Awa.Diop@example.sn', password: 'un mot de passe long' });
    assert.equal(res.statusCode, 303);
    const row = await t.ctx.db.selectFrom('users').select(['email', 'password_hash']).where('email', '=', 'awa.diop@example.sn').executeTakeFirstOrThrow();
    assert.match(row.password_hash!, /^\$argon2id\$/);
    await v.get('/mon-compte');
    assert.equal((await v.post('/deconnexion', {})).statusCode, 303);
    assert.equal((await v.get('/mon-compte')).statusCode, 303);
    await v.get('/connexion');
    assert.equal((await v.post('/connexion/email', { email: 'awa.diop@example.sn', password: 'un mot de passe long' })).statusCode, 303);
    assert.equal((await v.get('/mon-compte')).statusCode, 200);
  });

  test('bad sign-up input is explained field by field and creates nothing', async () => {
    const users = await countUsers();
    const v = visitor();
    await v.get('/inscription');
    const res = await v.post('/inscription/email', { email: 'pas-une-adresse', password: 'court' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /adresse e-mail valide/);
    assert.match(res.body, /au moins 10 caractères/);
    assert.match(res.body, /href="#f-email"/, 'the summary links to the field');
    assert.equal(await countUsers(), users);
  });

  test('a wrong password gets the same answer as an unknown address, and repeated failures are stopped', async () => {
    const v = visitor();
    await v.get('/inscription');
    await v.post('/inscription/email', { email: 'cible@example.ne', password: 'bon mot de passe 1' });
    const attacker = visitor();
    await attacker.get('/connexion');
    const unknown = await attacker.post('/connexion/email', { email: 'personne@example.ne', password: 'x' });
    const wrong = await attacker.post('/connexion/email', { email: 'cible@example.ne', password: 'mauvais' });
    assert.equal(unknown.statusCode, 400);
    assert.equal(wrong.statusCode, 400);
    assert.match(unknown.body, /Adresse e-mail ou mot de passe incorrect/);
    assert.match(wrong.body, /Adresse e-mail ou mot de passe incorrect/);
    for (let i = 0; i < 4; i++) await attacker.post('/connexion/email', { email: 'cible@example.ne', password: `essai${i}` });
    // The account is now protected, even against the right password, for the rest of the window.
    const blocked = await attacker.post('/connexion/email', { email: 'cible@example.ne', password: 'bon mot de passe 1' });
    assert.equal(blocked.statusCode, 400);
    assert.match(blocked.body, /Trop de tentatives/);
  });
});

describe('CSRF', () => {
  test('a form posted without the session token is refused and changes nothing', async () => {
    const users = await countUsers();
    const v = visitor();
    await v.get('/inscription');
    const res = await v.post('/inscription/email', { _csrf: '', email: 'csrf@example.ne', password: 'un mot de passe long' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /session a expiré/);
    const forged = await v.post('/inscription/email', { _csrf: 'forged-token', email: 'csrf@example.ne', password: 'un mot de passe long' });
    assert.equal(forged.statusCode, 403);
    assert.equal(await countUsers(), users);
  });

  test('a POST with no session at all is refused', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/connexion/telephone', payload: 'phone=%2B22790123456', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.statusCode, 403);
  });
});

// Session fixation: an id planted before sign-in (a shared phone at a counter, a link with a cookie set by a
// sibling site) must be worth nothing after it. Signing in — citizen or staff, each step — rotates the session,
// and the old id no longer opens anything; signing out ends the session on the server, not only in the browser.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.ts';
import { Visitor } from '../support/browser-session.ts';
import { newApplicant } from '../support/applicant.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ seed: true });
});
after(() => t.close());

const sessionOf = (v: Visitor) => v.cookies.get('gsid') ?? '';

/** What the server makes of a given session id on a page that needs one. */
async function opens(id: string, path: string): Promise<boolean> {
  const res = await t.app.inject({ url: path, headers: { cookie: `gsid=${id}` } });
  return res.statusCode === 200;
}

test('a citizen\'s sign-in replaces the session id, and the planted one opens nothing', async () => {
  const citizen = await newApplicant(t);
  const email = /citoyen\d+@exemple\.ne/.exec((await citizen.get('/mon-compte')).body)?.[0];
  assert.ok(email, 'the citizen\'s page shows his address');
  await citizen.post('/deconnexion', {});

  const v = new Visitor(t.app, { 'x-forwarded-for': '10.88.0.1' });
  await v.get('/connexion');
  const planted = sessionOf(v);
  assert.ok(planted, 'the sign-in form starts an anonymous session (it carries the CSRF token)');
  const res = await v.post('/connexion/email', { email, password: 'un mot de passe solide 2026' });
  assert.equal(res.statusCode, 303);
  const signedIn = sessionOf(v);
  assert.ok(signedIn && signedIn !== planted, 'a new session id after sign-in');
  assert.equal(await opens(signedIn, '/mon-compte'), true);
  assert.equal(await opens(planted, '/mon-compte'), false, 'the id known before sign-in is worth nothing');

  await v.get('/mon-compte');
  await v.post('/deconnexion', {});
  assert.equal(await opens(signedIn, '/mon-compte'), false, 'signing out ends the session on the server');
});

test('a staff member\'s session changes at the password and again at the second factor', async () => {
  const v = new Visitor(t.app, { 'x-forwarded-for': '10.88.0.2' });
  await v.get('/connexion');
  const planted = sessionOf(v);
  const res = await v.post('/connexion/email', { email: 'agent@demo.guichet.ne', password: 'guichet-demo-2026' });
  assert.equal(res.headers.location, '/agent/connexion/verification', 'the password leads to the second factor');
  const afterPassword = sessionOf(v);
  assert.notEqual(afterPassword, planted);
  assert.equal(await opens(afterPassword, '/agent'), false, 'the password alone does not open the back office');
  await v.get('/agent/connexion/verification');
  const sent = await t.ctx.db.selectFrom('notifications').select('body').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const done = await v.post('/agent/connexion/verification', { code: /\b(\d{6})\b/.exec(sent.body)![1]! });
  assert.equal(done.statusCode, 303);
  const full = sessionOf(v);
  assert.ok(full && full !== afterPassword && full !== planted, 'a new id once the second factor is passed');
  assert.equal(await opens(full, '/agent'), true);
  for (const old of [planted, afterPassword]) assert.equal(await opens(old, '/agent'), false, 'earlier ids open nothing');
});

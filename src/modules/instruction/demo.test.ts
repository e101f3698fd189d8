// The demo as a newcomer tries it after `npm start`: the demo agent signs in with the demo password and the
// code sent by SMS (read at /dev/outbox), and a dossier filed by a citizen is waiting in his inbox.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier, location } from '../../../test/support/applicant.ts';
import { Visitor } from '../../../test/support/browser-session.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ seed: true });
});
after(() => t.close());

test('the demo agent signs in with an SMS code and finds the demo team\'s new dossier', async () => {
  const { id } = await fileCasier(t);
  const demo = DEMO_ACCOUNTS.find((a) => a.role === 'agent')!;
  const v = new Visitor(t.app, { 'x-forwarded-for': '10.66.0.1' });
  await v.get('/agent/connexion');
  let res = await v.post('/agent/connexion', { email: demo.email, password: DEMO_PASSWORD });
  assert.equal(location(res), '/agent/connexion/verification');
  await v.get('/agent/connexion/verification');
  const outbox = (await v.get('/dev/outbox.json')).json() as { to: string; body: string }[];
  const code = /\b(\d{6})\b/.exec(outbox.find((m) => m.to === demo.phone)!.body)![1]!;
  res = await v.post('/agent/connexion/verification', { code });
  assert.equal(location(res), '/agent');
  const inbox = await v.get('/agent');
  assert.match(inbox.body, new RegExp(`href="/agent/dossiers/${id}"`));
  assert.match(inbox.body, /Greffe \(démo\)/);
});

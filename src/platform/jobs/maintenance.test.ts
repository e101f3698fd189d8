import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { Visitor } from '../../../test/support/browser-session.ts';
import { purgeExpired } from './maintenance.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

test('expired sessions, old codes and past throttling windows are purged; live ones stay', async () => {
  const live = new Visitor(t.app);
  await live.get('/connexion');
  await live.post('/connexion/telephone', { phone: '+227 90 31 31 31' });
  const count = async (table: 'sessions' | 'otp_codes' | 'throttle') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  assert.equal(await count('sessions'), 1);
  assert.equal(await count('otp_codes'), 1);
  assert.ok((await count('throttle')) > 0);

  await purgeExpired(t.ctx.db);
  assert.equal(await count('sessions'), 1, 'a live session stays');
  assert.equal(await count('otp_codes'), 1);

  // Two months later everything above has expired.
  await purgeExpired(t.ctx.db, new Date(Date.now() + 60 * 86_400_000));
  assert.equal(await count('sessions'), 0);
  assert.equal(await count('otp_codes'), 0);
  assert.equal(await count('throttle'), 0);
});

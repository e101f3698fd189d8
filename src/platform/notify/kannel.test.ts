// SMS delivery through a real Kannel (bearerbox + smsbox) with its fake SMS centre, all on loopback.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { kannelSkip, startKannel, type Kannel } from '../../../test/support/kannel.ts';
import { loadConfig } from '../../config.ts';
import { runDueJobs } from '../jobs/outbox.ts';
import { createChannels } from './channels.ts';
import { queueMessage, sendJobHandler, SEND_JOB } from './messages.ts';

let kannel: Kannel;
let t: TestApp;
before(async () => {
  if (kannelSkip) return;
  kannel = await startKannel();
  t = await startTestApp();
});
after(async () => {
  await t?.close();
  await kannel?.stop();
});

const handlers = (password: string) => ({
  [SEND_JOB]: sendJobHandler(
    t.ctx.db,
    createChannels(loadConfig({ SMS_GATEWAY_URL: kannel.sendsmsUrl, SMS_GATEWAY_USER: kannel.user, SMS_GATEWAY_PASSWORD: password, SMS_SENDER: 'Guichet' })),
  ),
});

test('an SMS queued by the platform reaches the SMS centre through Kannel, accents intact', { skip: kannelSkip }, async () => {
  const body = 'Guichet : votre code est 482913. Ne le donnez à personne. Ƙarfi ɗaya.';
  await queueMessage(t.ctx.db, { channel: 'sms', to: '+22790123456', body });
  assert.equal(await runDueJobs(t.ctx.db, handlers(kannel.password)), 1);
  const sms = await kannel.waitFor((m) => m.to === '+22790123456');
  assert.equal(sms.coding, 'ucs-2', 'ɗ and Ƙ are not in the GSM alphabet');
  assert.equal(sms.text, body);
  assert.equal(sms.from, 'Guichet');
  const row = await t.ctx.db.selectFrom('notifications').select('status').where('recipient', '=', '+22790123456').executeTakeFirstOrThrow();
  assert.equal(row.status, 'sent');
});

test('a text of the GSM alphabet goes as 7-bit SMS (160 characters a part), French accents intact', { skip: kannelSkip }, async () => {
  // (é, è, à, ù are in the GSM alphabet; ç, ê, â, ô are not and would make it UCS-2.)
  const body = "Guichet : votre dossier DOS-2026-7K3F9Q est accepté. Téléchargez le résultat là où vous l'avez déposé.";
  await queueMessage(t.ctx.db, { channel: 'sms', to: '+22790777777', body });
  assert.equal(await runDueJobs(t.ctx.db, handlers(kannel.password)), 1);
  const sms = await kannel.waitFor((m) => m.to === '+22790777777');
  assert.equal(sms.coding, 'text', 'sent 7-bit, not UCS-2');
  assert.equal(sms.text, body);
});

test('a refused gateway login leaves the message queued for retry, with the reason', { skip: kannelSkip }, async () => {
  await queueMessage(t.ctx.db, { channel: 'sms', to: '+22790654321', body: 'ne partira pas' });
  await runDueJobs(t.ctx.db, handlers('wrong-password'));
  const job = await t.ctx.db.selectFrom('jobs').select(['status', 'last_error']).where('status', '=', 'pending').executeTakeFirstOrThrow();
  assert.match(job.last_error ?? '', /Authorization failed/);
  const row = await t.ctx.db.selectFrom('notifications').select('status').where('recipient', '=', '+22790654321').executeTakeFirstOrThrow();
  assert.equal(row.status, 'queued');
  assert.equal(kannel.received().filter((m) => m.to === '+22790654321').length, 0);
});

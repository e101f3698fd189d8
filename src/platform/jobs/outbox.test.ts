import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { loadConfig } from '../../config.ts';
import { createChannels } from '../notify/channels.ts';
import { queueMessage, sendJobHandler, SEND_JOB } from '../notify/messages.ts';
import { enqueue, runDueJobs, startWorker } from './outbox.ts';

// A stand-in for Kannel's smsbox: answers /cgi-bin/sendsms like Kannel does and records what it was asked.
let gateway: Server;
let gatewayUrl: string;
const received: URLSearchParams[] = [];
let failNext = 0;

let t: TestApp;
before(async () => {
  gateway = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.pathname !== '/cgi-bin/sendsms') return res.writeHead(404).end();
    if (failNext > 0) {
      failNext--;
      return res.writeHead(503).end('Queue full');
    }
    received.push(url.searchParams);
    res.writeHead(202, { 'content-type': 'text/html' }).end('0: Accepted for delivery');
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/cgi-bin/sendsms`;
  t = await startTestApp();
});
after(async () => {
  await t.close();
  gateway.close();
});

const handlers = () => {
  const config = loadConfig({ SMS_GATEWAY_URL: gatewayUrl, SMS_GATEWAY_USER: 'guichet', SMS_GATEWAY_PASSWORD: 's3cret', SMS_SENDER: 'GUICHET' });
  return { [SEND_JOB]: sendJobHandler(t.ctx.db, createChannels(config)) };
};

test('a message queued in a transaction that rolls back is never sent', async () => {
  await assert.rejects(
    t.ctx.db.transaction().execute(async (trx) => {
      await queueMessage(trx, { channel: 'sms', to: '+22790000011', body: 'ne doit pas partir' });
      throw new Error('the change failed');
    }),
  );
  const jobs = await t.ctx.db.selectFrom('notifications').selectAll().where('recipient', '=', '+22790000011').execute();
  assert.equal(jobs.length, 0);
});

test('the worker delivers an SMS through the sendsms interface, with credentials and UTF-8 text', async () => {
  received.length = 0;
  await queueMessage(t.ctx.db, { channel: 'sms', to: '+22790000012', body: 'Votre code est 123456. Ƙarfi: é à' });
  assert.equal(await runDueJobs(t.ctx.db, handlers()), 1);
  assert.equal(received.length, 1);
  const sms = received[0]!;
  assert.equal(sms.get('to'), '+22790000012');
  assert.equal(sms.get('text'), 'Votre code est 123456. Ƙarfi: é à');
  assert.equal(sms.get('username'), 'guichet');
  assert.equal(sms.get('password'), 's3cret');
  assert.equal(sms.get('from'), 'GUICHET');
  const row = await t.ctx.db.selectFrom('notifications').selectAll().where('recipient', '=', '+22790000012').executeTakeFirstOrThrow();
  assert.equal(row.status, 'sent');
});

test('a gateway failure is retried later, and the message is sent once', async () => {
  received.length = 0;
  failNext = 1;
  const id = await queueMessage(t.ctx.db, { channel: 'sms', to: '+22790000013', body: 'réessai' });
  await runDueJobs(t.ctx.db, handlers());
  assert.equal(received.length, 0);
  const job = await t.ctx.db.selectFrom('jobs').selectAll().where('kind', '=', SEND_JOB).where('payload', '@>', JSON.stringify({ notificationId: id }) as never).executeTakeFirstOrThrow();
  assert.equal(job.status, 'pending');
  assert.match(job.last_error ?? '', /503/);
  // Make the retry due now instead of waiting for the backoff.
  await t.ctx.db.updateTable('jobs').set({ run_after: new Date() }).where('id', '=', job.id).execute();
  await runDueJobs(t.ctx.db, handlers());
  await runDueJobs(t.ctx.db, handlers());
  assert.equal(received.filter((r) => r.get('to') === '+22790000013').length, 1);
});

test('two workers racing for the same jobs run each job once', async () => {
  let runs = 0;
  const counting = { count: async () => void runs++ };
  for (let i = 0; i < 30; i++) await enqueue(t.ctx.db, 'count', { i });
  await Promise.all([runDueJobs(t.ctx.db, counting, 50), runDueJobs(t.ctx.db, counting, 50), runDueJobs(t.ctx.db, counting, 50)]);
  assert.equal(runs, 30);
  const left = await t.ctx.db.selectFrom('jobs').select('id').where('kind', '=', 'count').where('status', '=', 'pending').execute();
  assert.equal(left.length, 0);
});

test('the worker loop picks up new jobs by itself and stops cleanly', async () => {
  let seen = 0;
  const worker = startWorker(t.ctx.db, { tick: async () => void seen++ }, { intervalMs: 20 });
  await enqueue(t.ctx.db, 'tick', {});
  for (let i = 0; i < 100 && seen === 0; i++) await new Promise((r) => setTimeout(r, 20));
  await worker.stop();
  assert.equal(seen, 1);
});

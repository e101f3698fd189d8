// The CinetPay adapter against a local stand-in for its checkout API v2 (a node:http server on loopback that
// answers as https://docs.cinetpay.com/api/1.0-fr/checkout/ documents): initialisation and redirect to the
// payment page, the notification signed with x-token (HMAC-SHA256 over the concatenated fields), and the
// status check that the notification triggers. Credentials come from configuration only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { importAllPacks } from '../../seed.ts';
import { fillCasier, location, newApplicant, startCasier, submitKeyOf } from '../../../test/support/applicant.ts';
import { cinetpayToken, TOKEN_FIELDS } from './providers/cinetpay.ts';

const SITE_ID = '105890';
const API_KEY = 'key-from-config';
const SECRET = 'secret-from-config';

// What the stand-in was asked, and the state of each transaction as "CinetPay" knows it.
const calls: { path: string; body: Record<string, unknown> }[] = [];
const state = new Map<string, { status: 'ACCEPTED' | 'REFUSED' | 'WAITING_FOR_CUSTOMER'; amount: number }>();
let initAnswer: 'ok' | 'refuse' = 'ok';

let stub: Server;
let t: TestApp;
before(async () => {
  stub = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      calls.push({ path: req.url!, body });
      const json = (o: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(o));
      if (body.apikey !== API_KEY || body.site_id !== SITE_ID) return json({ code: '608', message: 'MINIMUM_REQUIRED_FIELDS' });
      if (req.method === 'POST' && req.url === '/v2/payment') {
        if (initAnswer === 'refuse') return json({ code: '624', message: 'An error occurred while processing the request.' });
        state.set(String(body.transaction_id), { status: 'WAITING_FOR_CUSTOMER', amount: Number(body.amount) });
        const token = `tok${String(body.transaction_id).toLowerCase()}`;
        return json({ code: '201', message: 'CREATED', description: 'Transaction created with success', data: { payment_token: token, payment_url: `https://checkout.cinetpay.com/payment/${token}` }, api_response_id: '1695040400.5491' });
      }
      if (req.method === 'POST' && req.url === '/v2/payment/check') {
        const tx = state.get(String(body.transaction_id));
        if (!tx) return json({ code: '627', message: 'TRANSACTION_NOT_FOUND' });
        const data = { amount: String(tx.amount), currency: 'XOF', status: tx.status, payment_method: 'OMNE', description: 'Paiement', metadata: null, operator_id: 'MP231128.1400.A12345', payment_date: '2026-11-28 14:00:00' };
        if (tx.status === 'ACCEPTED') return json({ code: '00', message: 'SUCCES', data, api_response_id: '1' });
        if (tx.status === 'REFUSED') return json({ code: '600', message: 'PAYMENT_FAILED', data, api_response_id: '2' });
        return json({ code: '662', message: 'WAITING_CUSTOMER_PAYMENT', data, api_response_id: '3' });
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  t = await startTestApp({
    env: { PAYMENT_PROVIDER: 'cinetpay', CINETPAY_API_KEY: API_KEY, CINETPAY_SITE_ID: SITE_ID, CINETPAY_SECRET_KEY: SECRET, CINETPAY_BASE_URL: base, PUBLIC_URL: 'https://guichet.example.ne' },
  });
  await importAllPacks(t.ctx.db);
});
after(async () => {
  await t.close();
  await new Promise((r) => stub.close(r));
});

async function startPaying(phone = '90 12 34 56') {
  const v = await newApplicant(t);
  const id = await startCasier(v);
  await fillCasier(v, id);
  assert.equal(location(await v.post(`/dossiers/${id}/depot`, { cle: await submitKeyOf(v, id) })), `/dossiers/${id}/paiement`);
  await v.get(`/dossiers/${id}/paiement`);
  const res = await v.post(`/dossiers/${id}/paiement`, { operateur: 'orange', telephone: phone });
  const payment = await t.ctx.db.selectFrom('payments').selectAll().where('dossier_id', '=', id).executeTakeFirst();
  return { v, id, res, payment };
}

/** The notification CinetPay posts, form-encoded, with its x-token. */
function notification(transactionId: string, opts: { secret?: string; amount?: string } = {}) {
  const fields: Record<string, string> = {
    cpm_site_id: SITE_ID,
    cpm_trans_id: transactionId,
    cpm_trans_date: '2026-11-28 14:00:00',
    cpm_amount: opts.amount ?? '1000',
    cpm_currency: 'XOF',
    signature: 'f0a9e1b2c3',
    payment_method: 'OMNE',
    cel_phone_num: '90123456',
    cpm_phone_prefixe: '227',
    cpm_language: 'fr',
    cpm_version: 'V4',
    cpm_payment_config: 'Single',
    cpm_page_action: 'Payment',
    cpm_custom: transactionId,
    cpm_designation: 'Extrait de casier judiciaire',
    cpm_error_message: 'SUCCES',
  };
  assert.deepEqual(Object.keys(fields), [...TOKEN_FIELDS]);
  const token = cinetpayToken(fields, opts.secret ?? SECRET);
  return { payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-token': token } };
}
const notify = (n: ReturnType<typeof notification>) => t.app.inject({ method: 'POST', url: '/api/v1/payments/notify/cinetpay', ...n });

test('initialisation sends the documented fields with the configured credentials and sends the payer to CinetPay’s page', async () => {
  const { v, id, res, payment } = await startPaying();
  assert.ok(payment);
  const init = calls.find((c) => c.path === '/v2/payment' && c.body.transaction_id === payment.id);
  assert.ok(init, 'CinetPay was asked');
  assert.equal(init.body.amount, 1000);
  assert.equal(init.body.currency, 'XOF');
  assert.equal(init.body.channels, 'MOBILE_MONEY');
  assert.equal(init.body.notify_url, 'https://guichet.example.ne/api/v1/payments/notify/cinetpay');
  assert.equal(init.body.return_url, `https://guichet.example.ne/dossiers/${id}/paiement`);
  assert.equal(init.body.customer_phone_number, '+22790123456');
  assert.equal(res.statusCode, 303);
  assert.equal(location(res), `https://checkout.cinetpay.com/payment/tok${payment.id.toLowerCase()}`);
  assert.equal(payment.status, 'pending');
  assert.equal(payment.provider, 'cinetpay');
  // Back from CinetPay's page before paying: the page waits, offers the link again and to check.
  const back = await v.get(`/dossiers/${id}/paiement`);
  assert.match(back.body, /Aller à la page de paiement/);
  assert.match(back.body, /Vérifier à nouveau/);
});

test('a notification with a good x-token makes us check the status; ACCEPTED files the dossier', async () => {
  const { id, payment } = await startPaying();
  state.get(payment!.id)!.status = 'ACCEPTED';
  const before = calls.length;
  const res = await notify(notification(payment!.id));
  assert.equal(res.statusCode, 200);
  assert.deepEqual(JSON.parse(res.body), { outcome: 'succeeded' });
  assert.ok(calls.slice(before).some((c) => c.path === '/v2/payment/check' && c.body.transaction_id === payment!.id), 'the status was read from CinetPay');
  const p = await t.ctx.db.selectFrom('payments').selectAll().where('id', '=', payment!.id).executeTakeFirstOrThrow();
  assert.equal(p.status, 'succeeded');
  assert.equal(p.amount_confirmed, 1000);
  assert.ok(p.receipt_document_id);
  assert.equal((await t.ctx.db.selectFrom('dossiers').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'submitted');
  // CinetPay sending it again: nothing more.
  assert.deepEqual(JSON.parse((await notify(notification(payment!.id))).body), { outcome: 'duplicate' });
});

test('a wrong x-token is refused before anything is asked of CinetPay', async () => {
  const { payment } = await startPaying();
  state.get(payment!.id)!.status = 'ACCEPTED';
  const before = calls.length;
  const res = await notify(notification(payment!.id, { secret: 'guessed' }));
  assert.equal(res.statusCode, 401);
  assert.equal(calls.length, before, 'no status check for a forged message');
  // A good token over altered fields is forged too.
  const n = notification(payment!.id);
  assert.equal((await notify({ ...n, payload: n.payload.replace('cpm_amount=1000', 'cpm_amount=5') })).statusCode, 401);
  assert.equal((await t.ctx.db.selectFrom('payments').select('status').where('id', '=', payment!.id).executeTakeFirstOrThrow()).status, 'pending');
});

test('the same notification body, sent while WAITING and again once ACCEPTED, settles the payment the second time', async () => {
  const { id, payment } = await startPaying();
  assert.deepEqual(JSON.parse((await notify(notification(payment!.id))).body), { outcome: 'pending' });
  state.get(payment!.id)!.status = 'ACCEPTED';
  assert.deepEqual(JSON.parse((await notify(notification(payment!.id))).body), { outcome: 'succeeded' });
  assert.deepEqual(JSON.parse((await notify(notification(payment!.id))).body), { outcome: 'duplicate' });
  assert.equal((await t.ctx.db.selectFrom('dossiers').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'submitted');
});

test('while CinetPay says WAITING nothing moves; REFUSED fails the attempt; an ACCEPTED amount that differs is flagged', async () => {
  const { v, id, payment } = await startPaying();
  assert.deepEqual(JSON.parse((await notify(notification(payment!.id))).body), { outcome: 'pending' });
  await v.get(`/dossiers/${id}/paiement`);
  await v.post(`/dossiers/${id}/paiement/verifier`, {});
  assert.equal((await t.ctx.db.selectFrom('payments').select('status').where('id', '=', payment!.id).executeTakeFirstOrThrow()).status, 'pending');
  state.get(payment!.id)!.status = 'REFUSED';
  await v.post(`/dossiers/${id}/paiement/verifier`, {});
  assert.equal((await t.ctx.db.selectFrom('payments').select('status').where('id', '=', payment!.id).executeTakeFirstOrThrow()).status, 'failed');

  const second = await startPaying();
  state.set(second.payment!.id, { status: 'ACCEPTED', amount: 500 });
  assert.deepEqual(JSON.parse((await notify(notification(second.payment!.id, { amount: '500' }))).body), { outcome: 'flagged' });
  const p = await t.ctx.db.selectFrom('payments').selectAll().where('id', '=', second.payment!.id).executeTakeFirstOrThrow();
  assert.equal(p.flag, 'amount-mismatch');
  assert.equal((await t.ctx.db.selectFrom('dossiers').select('status').where('id', '=', second.id).executeTakeFirstOrThrow()).status, 'draft');
});

test('CinetPay refusing the initialisation: the applicant is told to retry later, nothing is pending', async () => {
  initAnswer = 'refuse';
  try {
    const { res, payment } = await startPaying();
    assert.equal(res.statusCode, 502);
    assert.match(res.body, /L'opérateur ne répond pas pour le moment/);
    assert.equal(payment!.status, 'failed');
  } finally {
    initAnswer = 'ok';
  }
});

test('hostile notifications are refused without a server error and without asking CinetPay anything', async () => {
  const before = calls.length;
  for (const payload of ['', 'cpm_trans_id=%00&cpm_site_id=105890', 'a=1&a=2&cpm_trans_id[]=x', '%E0%A4%A', '{"cpm_trans_id":"x"}', 'cpm_trans_id=' + 'A'.repeat(10_000)]) {
    for (const token of [undefined, '', 'f'.repeat(64)]) {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (token !== undefined) headers['x-token'] = token;
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/payments/notify/cinetpay', payload, headers });
      assert.equal(res.statusCode, 401, `${payload.slice(0, 30)} → ${res.statusCode}`);
    }
  }
  assert.equal(calls.length, before);
  // Signed with the right key but naming something that is no payment of ours: stored, 404, nothing moves.
  const n = notification('\u0000../etc');
  assert.equal((await notify(n)).statusCode, 404);
});

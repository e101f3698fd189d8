// Fees paid with the sandbox provider, end to end over HTTP as a browser without JavaScript and an operator's
// server play them: a procedure with a fee waits for its payment, only the provider's verified word files it,
// and every bad input (forged, replayed, wrong amount, unknown payment, silence, paying twice) changes
// nothing it should not. Runs on PGlite and, with DATABASE_URL, on PostgreSQL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { importAllPacks } from '../../seed.ts';
import { fillCasier, location, newApplicant, startCasier, submitKeyOf } from '../../../test/support/applicant.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { runDueJobs } from '../../platform/jobs/outbox.ts';
import { newId } from '../../platform/db/ids.ts';
import { applicantDocumentPath } from '../documents/index.ts';
import { paymentsEnvOf } from './env.ts';
import { expirePayments, handleNotification, startPayment, type PaymentsEnv } from './service.ts';
import { SANDBOX_CALLBACK_JOB, sandboxCallbackJob, sandboxProvider } from './providers/sandbox.ts';

let t: TestApp;
let env: PaymentsEnv;
before(async () => {
  // The catalog is all these tests need (the criminal record request and its administration).
  t = await startTestApp();
  await importAllPacks(t.ctx.db);
  env = paymentsEnvOf(t.ctx);
});
after(() => t.close());

const NOTIFY = '/api/v1/payments/notify/sandbox';

/** The operator's server posting to our notify URL (through the app, as HTTP would bring it). */
async function inject(url: string, body: string, headers: Record<string, string>) {
  const res = await t.app.inject({ method: 'POST', url: new URL(url, 'http://x').pathname, payload: body, headers });
  return res.statusCode;
}
/** Runs the sandbox's due notifications, as the worker would. */
const runOperator = () => runDueJobs(t.ctx.db, { [SANDBOX_CALLBACK_JOB]: sandboxCallbackJob(env.providers.sandbox!, inject) }, 100);

/** A new applicant fills and submits the criminal record request (1 000 FCFA): it waits for payment. */
async function heldDossier(): Promise<{ v: Visitor; id: string }> {
  const v = await newApplicant(t);
  const id = await startCasier(v);
  await fillCasier(v, id);
  const res = await v.post(`/dossiers/${id}/depot`, { cle: await submitKeyOf(v, id) });
  assert.equal(location(res), `/dossiers/${id}/paiement`, 'the submission leads to the payment');
  return { v, id };
}

async function pay(v: Visitor, id: string, phone: string, operator = 'airtel') {
  await v.get(`/dossiers/${id}/paiement`);
  const res = await v.post(`/dossiers/${id}/paiement`, { operateur: operator, telephone: phone });
  assert.equal(location(res), `/dossiers/${id}/paiement`, res.body.slice(0, 300));
  const p = await t.ctx.db.selectFrom('payments').selectAll().where('dossier_id', '=', id).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
  return p;
}

const dossier = (id: string) => t.ctx.db.selectFrom('dossiers').select(['status', 'reference', 'team_id', 'administration_id', 'submit_key']).where('id', '=', id).executeTakeFirstOrThrow();
const payment = (id: string) => t.ctx.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const receipts = (dossierId: string) => t.ctx.db.selectFrom('documents').select(['id', 'kind']).where('dossier_id', '=', dossierId).where('kind', '=', 'payment-receipt').execute();
const submittedEvents = async (dossierId: string) =>
  (await t.ctx.db.selectFrom('dossier_events').select('id').where('dossier_id', '=', dossierId).where('kind', '=', 'submitted').execute()).length;

/** A notification as the sandbox signs it; `sign: false` forges it. */
function notification(p: { id: string; provider_ref: string | null }, opts: { sign?: boolean; eventId?: string } = {}) {
  const body = JSON.stringify({ event_id: opts.eventId ?? `${p.provider_ref}:succeeded`, transaction_id: p.id, provider_ref: p.provider_ref, status: 'SUCCESS', amount: 1000, currency: 'XOF' });
  const signature = opts.sign === false ? 'f'.repeat(64) : env.providers.sandbox!.sign(body);
  return { body, headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature } };
}
const post = (n: { body: string; headers: Record<string, string> }) => t.app.inject({ method: 'POST', url: NOTIFY, payload: n.body, headers: n.headers });

test('a procedure with a fee waits for its payment; the operator confirms on the phone; the signed notification files it with a receipt', async () => {
  const { v, id } = await heldDossier();
  const held = await dossier(id);
  assert.equal(held.status, 'draft', 'not submitted before it is paid');
  assert.match(held.reference ?? '', /^DOS-\d{4}-/, 'it has its reference already');
  assert.equal(held.administration_id, null, 'no administration sees it yet');
  // Its pages are frozen: the answers paid for are the answers filed.
  assert.equal(location(await v.get(`/dossiers/${id}/pages/identite`)), `/dossiers/${id}/paiement`);
  assert.equal(location(await v.get(`/dossiers/${id}/recapitulatif`)), `/dossiers/${id}/paiement`);

  const page = await v.get(`/dossiers/${id}/paiement`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /1\u00a0000\u00a0FCFA/, 'the amount owed');
  for (const name of ['Airtel Money', 'Moov Money', 'Orange Money']) assert.ok(page.body.includes(name), `Niger's operators: ${name}`);
  assert.ok(!page.body.includes('data-payment-state'), 'nothing to wait for yet');

  const p = await pay(v, id, '+227 90 12 34 56');
  assert.equal(p.status, 'pending');
  assert.equal(p.amount_expected, 1000);
  assert.equal(p.payer_phone, '+22790123456');
  const waiting = await v.get(`/dossiers/${id}/paiement`);
  assert.match(waiting.body, /Confirmez le paiement sur votre téléphone/);
  assert.match(waiting.body, /<script src="\/static\/payment\.[0-9a-f]{10}\.js" defer/, 'with JavaScript, the page notices by itself');
  assert.deepEqual(JSON.parse((await v.get(`/dossiers/${id}/paiement/etat`)).body), { waiting: true });
  assert.match(waiting.body, /Vérifier à nouveau/, 'and offers to check without JavaScript');
  assert.equal((await dossier(id)).status, 'draft', 'the browser coming back is not a payment');

  assert.equal(await runOperator(), 1, 'the operator notifies');
  const paid = await payment(p.id);
  assert.equal(paid.status, 'succeeded');
  assert.equal(paid.amount_confirmed, 1000);
  assert.ok(paid.confirmed_at && paid.receipt_document_id);
  const filed = await dossier(id);
  assert.equal(filed.status, 'submitted');
  assert.equal(filed.reference, held.reference, 'filed under the reference it was given');
  assert.ok(filed.administration_id, 'in the administration’s inbox now');
  const events = await t.ctx.db.selectFrom('payment_events').selectAll().where('payment_id', '=', p.id).execute();
  assert.equal(events.length, 1);
  assert.equal(events[0]!.verified, true);
  assert.equal(events[0]!.outcome, 'succeeded');
  assert.match(events[0]!.body, /"transaction_id"/, 'kept as received');

  // The payment page now leads to the dossier; the receipt is the applicant's to download.
  assert.equal(location(await v.get(`/dossiers/${id}/paiement`)), `/dossiers/${id}?depose=1`);
  const pdf = await v.get(applicantDocumentPath(id, paid.receipt_document_id!));
  assert.equal(pdf.statusCode, 200);
  const text = await pdfText(pdf.rawPayload);
  assert.match(text, /REÇU DE PAIEMENT/);
  assert.match(text, /1\s000 FCFA/);
  assert.match(text, /Airtel Money/);
  assert.ok(text.includes(paid.provider_ref!), 'the transaction id');
  assert.ok(text.includes(filed.reference!), 'the dossier');
  assert.match(text, /\d{4} à \d{2}:\d{2}|\d{4} \d{2}:\d{2}/, 'the date');
  const audit = await t.ctx.db.selectFrom('audit_log').select(['action']).where('subject_id', '=', p.id).execute();
  assert.deepEqual(audit.map((a) => a.action), ['payment.confirmed']);
});

test('a forged notification is refused and stored; it changes nothing, and cannot squat the real one', async () => {
  const { v, id } = await heldDossier();
  const p = await pay(v, id, '90 12 34 02'); // …02: the operator never answers by itself
  const forged = await post(notification(p, { sign: false }));
  assert.equal(forged.statusCode, 401);
  assert.equal((await payment(p.id)).status, 'pending');
  assert.equal((await dossier(id)).status, 'draft');
  const stored = await t.ctx.db.selectFrom('payment_events').selectAll().where('payment_id', '=', p.id).execute();
  assert.deepEqual(stored.map((e) => [e.verified, e.outcome]), [[false, 'rejected']]);
  // A forged body with a real signature of another body does not pass either.
  const real = notification(p);
  assert.equal((await post({ body: real.body.replace('1000', '10'), headers: real.headers })).statusCode, 401);
  // The real notification with the same event id still counts… but the …02 operator has not confirmed: pending.
  assert.equal((await post(real)).statusCode, 200);
  assert.equal((await payment(p.id)).status, 'pending', 'the notification is a signal; the provider’s record says pending');
});

test('a notification delivered again changes nothing the second time (replay), and the operator’s double delivery (…03) counts once', async () => {
  const { v, id } = await heldDossier();
  const p = await pay(v, id, '90 12 34 03');
  await runOperator(); // delivers the same notification twice
  const events = await t.ctx.db.selectFrom('payment_events').selectAll().where('payment_id', '=', p.id).execute();
  assert.equal(events.length, 1, 'the second delivery found the first');
  assert.equal((await payment(p.id)).status, 'succeeded');
  const replay = await post(notification(await payment(p.id)));
  assert.equal(replay.statusCode, 200);
  assert.deepEqual(JSON.parse(replay.body), { outcome: 'duplicate' });
  assert.equal(await submittedEvents(id), 1);
  assert.equal((await receipts(id)).length, 1);
});

test('an amount that differs from the fee does not pay: the dossier stays, the payment is flagged for a manager', async () => {
  const { v, id } = await heldDossier();
  const p = await pay(v, id, '90 12 34 05'); // …05: the operator takes 100 XOF less
  await runOperator();
  const flagged = await payment(p.id);
  assert.equal(flagged.status, 'failed');
  assert.equal(flagged.flag, 'amount-mismatch');
  assert.equal(flagged.amount_confirmed, 900, 'what was received is kept');
  assert.equal((await dossier(id)).status, 'draft');
  assert.equal((await receipts(id)).length, 0);
  const page = await v.get(`/dossiers/${id}/paiement`);
  assert.match(page.body, /La somme reçue \(900\u00a0FCFA\) ne correspond pas aux frais \(1\u00a0000\u00a0FCFA\)/);
  const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'details']).where('subject_id', '=', p.id).execute();
  assert.equal(audit[0]?.action, 'payment.flagged');
});

test('a signed notification for a payment we never made is stored and answered 404; nothing else moves', async () => {
  const ghost = { id: newId(), provider_ref: 'SBX-ok-1000-1795870000000-00000000' };
  const before = Number((await t.ctx.db.selectFrom('payments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const res = await post(notification(ghost));
  assert.equal(res.statusCode, 404);
  const stored = await t.ctx.db.selectFrom('payment_events').selectAll().where('body', 'like', `%${ghost.id}%`).execute();
  assert.deepEqual(stored.map((e) => [e.verified, e.outcome, e.payment_id]), [[true, 'unknown-payment', null]]);
  const after = Number((await t.ctx.db.selectFrom('payments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  assert.equal(after, before);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/payments/notify/nobody', payload: '{}', headers: { 'content-type': 'application/json' } })).statusCode, 404);
});

test('a failed payment says so and can be tried again; "Vérifier à nouveau" asks the provider', async () => {
  const { v, id } = await heldDossier();
  const p = await pay(v, id, '90 12 34 01'); // …01: insufficient balance
  const res = await v.post(`/dossiers/${id}/paiement/verifier`, {});
  assert.equal(location(res), `/dossiers/${id}/paiement`);
  assert.equal((await payment(p.id)).status, 'failed');
  const page = await v.get(`/dossiers/${id}/paiement`);
  assert.match(page.body, /Le paiement n'a pas abouti/);
  assert.match(page.body, /name="operateur"/, 'the form is back');
  // The second try succeeds.
  await pay(v, id, '90 12 34 56');
  await v.post(`/dossiers/${id}/paiement/verifier`, {});
  assert.equal((await dossier(id)).status, 'submitted');
});

test('a provider that never answers: the maintenance loop asks it once more, then expires the attempt', async () => {
  const { v, id } = await heldDossier();
  const p = await pay(v, id, '90 12 34 02');
  await expirePayments(env)(t.ctx.db, new Date()); // not yet due
  assert.equal((await payment(p.id)).status, 'pending');
  await expirePayments(env)(t.ctx.db, new Date(Date.now() + 16 * 60_000));
  assert.equal((await payment(p.id)).status, 'expired');
  assert.equal((await dossier(id)).status, 'draft');
  const page = await v.get(`/dossiers/${id}/paiement`);
  assert.match(page.body, /n'a pas été confirmé à temps/);
  assert.ok(!page.body.includes('data-payment-state'), 'nothing to wait for any more');
  assert.deepEqual(JSON.parse((await v.get(`/dossiers/${id}/paiement/etat`)).body), { waiting: false });
});

test('a success that comes after the attempt expired still files the waiting dossier (nothing paid is lost)', async () => {
  let clock = Date.now();
  const sandbox = sandboxProvider({
    secret: t.config.payments.sandbox.secret,
    delayMs: 0,
    lateMs: 16 * 60_000,
    now: () => new Date(clock),
    schedule: async () => {},
  });
  const late: PaymentsEnv = { ctx: t.ctx, providers: { active: sandbox, byName: new Map([['sandbox', sandbox]]), sandbox } };
  const { id } = await heldDossier();
  const applicantId = (await t.ctx.db.selectFrom('dossiers').select('applicant_id').where('id', '=', id).executeTakeFirstOrThrow()).applicant_id!;
  const started = await startPayment(late, { dossierId: id, applicantId, operator: 'moov', phone: '90 12 34 04', locale: 'fr', now: new Date(clock) });
  assert.ok(started.ok);
  clock += 15.5 * 60_000;
  await expirePayments(late)(t.ctx.db, new Date(clock));
  const p = await payment(started.paymentId);
  assert.equal(p.status, 'expired');
  clock += 60_000;
  const n = JSON.stringify({ event_id: `${p.provider_ref}:late`, transaction_id: p.id, provider_ref: p.provider_ref });
  const answer = await handleNotification(late, { provider: 'sandbox', headers: { 'x-sandbox-signature': sandbox.sign(n) }, body: n, now: new Date(clock) });
  assert.deepEqual(answer, { code: 200, outcome: 'late-success' });
  assert.equal((await payment(p.id)).status, 'succeeded');
  assert.equal((await dossier(id)).status, 'submitted');
});

test('paying twice: the second success is kept and flagged for refund; the dossier is filed once, with one receipt', async () => {
  const { v, id } = await heldDossier();
  const first = await pay(v, id, '90 12 34 02'); // silent for now
  const second = await pay(v, id, '90 11 22 33', 'moov');
  await runOperator(); // the second attempt's operator confirms: the dossier is filed
  assert.equal((await payment(second.id)).status, 'succeeded');
  assert.equal((await dossier(id)).status, 'submitted');
  // …then the first one's operator confirms too (its notification, signed).
  const late = JSON.stringify({ event_id: 'first-success', transaction_id: first.id, provider_ref: 'SBX-ok-1000-1795870000000-0000beef' });
  // (the first attempt's own provider record says pending; a real operator would say paid: play one that does)
  await t.ctx.db.updateTable('payments').set({ provider_ref: 'SBX-ok-1000-1795870000000-0000beef' }).where('id', '=', first.id).execute();
  const res = await t.app.inject({ method: 'POST', url: NOTIFY, payload: late, headers: { 'content-type': 'application/json', 'x-sandbox-signature': env.providers.sandbox!.sign(late) } });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(JSON.parse(res.body), { outcome: 'flagged' });
  const twice = await payment(first.id);
  assert.equal(twice.status, 'succeeded');
  assert.equal(twice.flag, 'duplicate');
  assert.equal(twice.amount_confirmed, 1000);
  assert.equal(await submittedEvents(id), 1);
  assert.equal((await receipts(id)).length, 1);
});

test('the same success notification twenty times at once: one payment succeeded, one receipt, the dossier filed once', async () => {
  const { v, id } = await heldDossier();
  const p = await pay(v, id, '90 12 34 02');
  await t.ctx.db.updateTable('payments').set({ provider_ref: 'SBX-ok-1000-1795870000000-0000cafe' }).where('id', '=', p.id).execute();
  const n = notification({ id: p.id, provider_ref: 'SBX-ok-1000-1795870000000-0000cafe' });
  const answers = await Promise.all(Array.from({ length: 20 }, () => post(n)));
  const outcomes = answers.map((a) => JSON.parse(a.body).outcome).sort();
  assert.deepEqual(answers.map((a) => a.statusCode), Array(20).fill(200));
  assert.deepEqual(outcomes, [...Array(19).fill('duplicate'), 'succeeded']);
  assert.equal((await payment(p.id)).status, 'succeeded');
  assert.equal((await receipts(id)).length, 1);
  assert.equal(await submittedEvents(id), 1);
  const { n: notices } = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM payment_events WHERE payment_id = ${p.id} AND verified`.execute(t.ctx.db)).rows[0]!;
  assert.equal(notices, 1);
});

test('bad input on the payment form: a clear message, nothing started; another person’s dossier is not found', async () => {
  const { v, id } = await heldDossier();
  await v.get(`/dossiers/${id}/paiement`);
  let res = await v.post(`/dossiers/${id}/paiement`, { operateur: 'wave', telephone: '90 12 34 56' }); // not offered in Niger
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Choisissez votre opérateur de mobile money/);
  res = await v.post(`/dossiers/${id}/paiement`, { operateur: 'airtel', telephone: '12' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Ce numéro n'est pas valide/);
  assert.match(res.body, /value="12"/, 'what was typed is kept');
  res = await v.post(`/dossiers/${id}/paiement`, { operateur: 'airtel', telephone: '90 12 34 56', _csrf: 'x' });
  assert.equal(res.statusCode, 403);
  assert.equal((await t.ctx.db.selectFrom('payments').select('id').where('dossier_id', '=', id).execute()).length, 0);
  // Attempts waiting at once are bounded: a wrong number and another operator, not a flood on the provider.
  for (const phone of ['90 00 00 02', '91 00 00 02', '92 00 00 02']) await pay(v, id, phone);
  res = await v.post(`/dossiers/${id}/paiement`, { operateur: 'airtel', telephone: '93 00 00 02' });
  assert.equal(res.statusCode, 429);
  assert.match(res.body, /Trois paiements attendent déjà/);
  assert.equal((await t.ctx.db.selectFrom('payments').select('id').where('dossier_id', '=', id).execute()).length, 3);
  const other = await newApplicant(t);
  assert.equal((await other.get(`/dossiers/${id}/paiement`)).statusCode, 404);
  assert.equal((await other.post(`/dossiers/${id}/paiement`, { operateur: 'airtel', telephone: '90 12 34 56' })).statusCode, 404);
  assert.equal((await other.post(`/dossiers/${id}/paiement/verifier`, {})).statusCode, 404);
});

test('a dossier waiting for its fee is offered for payment in « Mes dossiers » and cannot be deleted (its payments are kept)', async () => {
  const { v, id } = await heldDossier();
  await pay(v, id, '90 12 34 02');
  const mine = await v.get('/mes-dossiers');
  assert.ok(mine.body.includes(`href="/dossiers/${id}/paiement"`), 'a link to pay');
  assert.ok(!mine.body.includes(`/dossiers/${id}/supprimer`), 'no delete button');
  const res = await v.post(`/dossiers/${id}/supprimer`, {});
  assert.equal(res.statusCode, 404);
  assert.equal((await dossier(id)).status, 'draft');
  assert.equal((await t.ctx.db.selectFrom('payments').select('id').where('dossier_id', '=', id).execute()).length, 1);
});

test('hostile notifications (malformed, NUL bytes, huge, wrong types) are refused, never a server error, and move nothing', async () => {
  const { default: fc } = await import('fast-check');
  const statuses = async () => (await t.ctx.db.selectFrom('payments').select(['id', 'status']).orderBy('id').execute()).map((p) => `${p.id}:${p.status}`).join();
  const before = await statuses();
  const hostile = fc.oneof(
    fc.string(),
    fc.constantFrom('', '{', 'null', '[]', '{"transaction_id":{"$gt":""}}', 'a\u0000b', '{"event_id":"x\u0000","transaction_id":"\u0000"}', '9'.repeat(5000), '\uD800'),
    fc.json(),
  );
  await fc.assert(
    fc.asyncProperty(hostile, fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'), async (body, type) => {
      const res = await t.app.inject({ method: 'POST', url: NOTIFY, payload: body, headers: { 'content-type': type, 'x-sandbox-signature': 'a'.repeat(64) } });
      assert.ok(res.statusCode < 500, `${res.statusCode} for ${JSON.stringify(body).slice(0, 80)}`);
      assert.equal(res.statusCode, 401);
    }),
    { numRuns: 60 },
  );
  // Too large for a notification: refused before it is read.
  const big = await t.app.inject({ method: 'POST', url: NOTIFY, payload: 'x'.repeat(200_000), headers: { 'content-type': 'application/json' } });
  assert.equal(big.statusCode, 413);
  assert.equal(await statuses(), before);
});

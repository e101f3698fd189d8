// The payments' rules. A payment moves created → pending → succeeded | failed | expired (and succeeded →
// refunded), only on what a provider says through a verified notification or our own status query, never on
// the browser's word. Every change takes the payment's row lock, in one transaction with its consequences
// (the message that caused it, the dossier filed, the receipt issued, the audit entry): two deliveries of the
// same notification, twenty at once, or a notification racing a status query settle it once.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/http/types.ts';
import type { DB } from '../../platform/db/schema.ts';
// Our payments' ids are ULIDs: anything else a provider's message names is no payment of ours.
import { newId, ULID as PAYMENT_ID } from '../../platform/db/ids.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { fileHeldDossier } from '../dossiers/index.ts';
import { normalisePhone } from '../accounts/index.ts';
import { isOperator, offeredOperators } from './operators.ts';
import { buildProviders, type Providers } from './providers/index.ts';
import { ProviderError, type ProviderStatus } from './providers/types.ts';
import { issueReceipt } from './receipt.ts';
import * as store from './store.ts';
import { settleAcceptanceDue } from './on-acceptance.ts';

export interface PaymentsEnv {
  ctx: AppContext;
  providers: Providers;
}

export function paymentsEnv(ctx: AppContext): PaymentsEnv {
  return { ctx, providers: buildProviders(ctx.db, ctx.config) };
}

export const notifyPath = (provider: string) => `/api/v1/payments/notify/${provider}`;

// ---- What the applicant owes ----------------------------------------------------------------------------

/**
 * The fee the payment page of this dossier collects: the submission's while the dossier is a held draft,
 * otherwise the one asked on acceptance, if any (a procedure may ask both, one after the other).
 */
export async function payableOfApplicant(db: Kysely<DB>, dossierId: string, applicantId: string, locale: string): Promise<store.DueView | undefined> {
  const submission = await store.dueOfApplicant(db, dossierId, applicantId, locale);
  if (submission && submission.status === 'draft' && !submission.paidAt) return submission;
  return (await store.acceptanceDueOfApplicant(db, dossierId, applicantId, locale)) ?? submission;
}

/** Nothing more to pay: the held draft was filed, or the fee on acceptance paid (or the decision reopened). */
export function isSettled(due: store.DueView): boolean {
  return !!due.paidAt || due.status !== (due.purpose === 'submission' ? 'draft' : 'accepted');
}

// ---- Starting a payment -------------------------------------------------------------------------------

export type StartResult =
  | { ok: true; paymentId: string; redirect: string | null }
  | { ok: false; reason: 'not-found' | 'paid' | 'unavailable' | 'operator' | 'phone' | 'provider' | 'busy' };

/** Attempts waiting at once for one dossier: enough for a wrong number and another operator, not a flood. */
export const OPEN_ATTEMPTS_MAX = 3;

/** The applicant chose an operator and a number: a new attempt, handed to the provider. */
export async function startPayment(
  env: PaymentsEnv,
  input: { dossierId: string; applicantId: string; operator: string; phone: string; locale: string; now: Date },
): Promise<StartResult> {
  const { db, config } = env.ctx;
  const due = await payableOfApplicant(db, input.dossierId, input.applicantId, input.locale);
  if (!due) return { ok: false, reason: 'not-found' };
  if (isSettled(due)) return { ok: false, reason: 'paid' };
  const provider = env.providers.active;
  if (!provider) return { ok: false, reason: 'unavailable' };
  if (!isOperator(input.operator) || !offeredOperators(config.payments.operators).includes(input.operator)) return { ok: false, reason: 'operator' };
  const phone = normalisePhone(input.phone, config.country);
  if (!phone) return { ok: false, reason: 'phone' };
  const open = (await store.paymentsOfDossier(db, due.dossierId, due.purpose)).filter((p) => (p.status === 'created' || p.status === 'pending') && p.expiresAt > input.now);
  if (open.length >= OPEN_ATTEMPTS_MAX) return { ok: false, reason: 'busy' };

  const id = newId();
  await store.insertPayment(db, {
    id,
    dossierId: due.dossierId,
    amount: due.amount,
    provider: provider.name,
    operator: input.operator,
    phone,
    at: input.now,
    expiresAt: new Date(input.now.getTime() + config.payments.expiryMinutes * 60_000),
    purpose: due.purpose,
  });
  try {
    const started = await provider.initiate({
      paymentId: id,
      amount: due.amount,
      currency: 'XOF',
      operator: input.operator,
      phone,
      description: `${due.procedureTitle} ${due.reference}`,
      notifyUrl: `${config.publicUrl}${notifyPath(provider.name)}`,
      returnUrl: `${config.publicUrl}/dossiers/${due.dossierId}/paiement`,
      locale: input.locale,
    });
    await store.markPending(db, id, started.providerRef, started.kind === 'redirect' ? started.url : null, input.now);
    return { ok: true, paymentId: id, redirect: started.kind === 'redirect' ? started.url : null };
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    await store.setOutcome(db, id, { status: 'failed', at: input.now, failure: err.message.slice(0, 300) });
    return { ok: false, reason: 'provider' };
  }
}

// ---- What providers say ---------------------------------------------------------------------------------

export type Outcome = 'pending' | 'succeeded' | 'late-success' | 'failed' | 'flagged' | 'duplicate' | 'ignored' | 'unknown-payment' | 'expired';

/** Applies what the provider says of a payment whose row the caller's transaction has locked. */
async function settle(env: PaymentsEnv, trx: Kysely<DB>, paymentId: string, said: ProviderStatus, now: Date): Promise<Outcome> {
  const p = await store.lockPayment(trx, paymentId);
  if (!p) return 'unknown-payment';
  const open = p.status === 'created' || p.status === 'pending';
  if (said.status === 'pending') return 'pending';
  if (said.status === 'failed') {
    if (!open) return 'ignored';
    await store.setOutcome(trx, p.id, { status: 'failed', at: now, failure: said.reason.slice(0, 300) });
    return 'failed';
  }
  // Money was taken. Already counted (the same news by another road): nothing more.
  if (p.status === 'succeeded' || p.status === 'refunded' || p.amountConfirmed !== null) return 'duplicate';
  const audit = (action: string, details: Record<string, unknown>) =>
    appendAudit(trx, { actorId: null, action, subject: { type: 'payment', id: p.id }, details: { dossierId: p.dossierId, provider: p.provider, ...details } });
  if (said.currency !== p.currency || said.amount !== p.amountExpected) {
    // Not the fee: the dossier does not move; the money waits for a manager (refund or settlement).
    await store.setOutcome(trx, p.id, { status: 'failed', at: now, amountConfirmed: said.amount, flag: 'amount-mismatch', failure: 'amount-mismatch', confirmed: true });
    await audit('payment.flagged', { flag: 'amount-mismatch', expected: p.amountExpected, paid: said.amount, currency: said.currency });
    return 'flagged';
  }
  // What the money settles: the held draft (filed now) or the fee asked on acceptance (documents released).
  const filed =
    p.purpose === 'acceptance'
      ? await settleAcceptanceDue(trx, { dossierId: p.dossierId, paymentId: p.id, now }).then((r) => (r.settled ? { filed: true as const, reference: r.reference } : { filed: false as const }))
      : await fileHeldDossier(trx, env.ctx, { dossierId: p.dossierId, paymentId: p.id, now });
  if (!filed.filed) {
    // The dossier was already paid by another attempt: this money is to be given back, never lost.
    await store.setOutcome(trx, p.id, { status: 'succeeded', at: now, amountConfirmed: said.amount, flag: 'duplicate', confirmed: true });
    await audit('payment.flagged', { flag: 'duplicate', amount: said.amount });
    return 'flagged';
  }
  const receiptDocumentId = await issueReceipt(env.ctx, trx, {
    id: p.id,
    dossierId: p.dossierId,
    amount: said.amount,
    operator: p.operator,
    phone: p.payerPhone,
    providerRef: said.providerRef ?? p.providerRef,
    provider: p.provider,
    at: now,
  });
  await store.setOutcome(trx, p.id, { status: 'succeeded', at: now, amountConfirmed: said.amount, confirmed: true, receiptDocumentId });
  await audit('payment.confirmed', { amount: said.amount, reference: filed.reference, late: !open, purpose: p.purpose });
  return open ? 'succeeded' : 'late-success';
}

export interface NotificationAnswer {
  code: number;
  outcome: Outcome | 'rejected' | 'unknown-provider';
}

/** A provider's server-to-server notification, as received. */
export async function handleNotification(
  env: PaymentsEnv,
  input: { provider: string; headers: Record<string, string | string[] | undefined>; body: string; now: Date },
): Promise<NotificationAnswer> {
  const { db } = env.ctx;
  const provider = env.providers.byName.get(input.provider);
  if (!provider) return { code: 404, outcome: 'unknown-provider' };
  const headers = keptHeaders(input.headers);
  let verification;
  try {
    verification = await provider.verifyCallback(input.headers, input.body);
  } catch (err) {
    // The provider's status API is down: answer an error so that it notifies again later.
    if (err instanceof ProviderError) return { code: 503, outcome: 'pending' };
    throw err;
  }
  // PostgreSQL text cannot hold NUL: a message carrying one is kept with it replaced, as seen.
  const storable = (text: string) => text.replace(/\u0000/g, '\uFFFD');
  if (!verification.ok) {
    const named = verification.paymentId;
    const known = named && PAYMENT_ID.test(named) && (await store.paymentExists(db, named)) ? named : null;
    const body = storable(input.body.slice(0, 4096));
    await store.recordEvent(db, { id: newId(), paymentId: known, provider: provider.name, eventId: `rejected:${newId()}`, verified: false, outcome: 'rejected', headers, body, at: input.now });
    return { code: 401, outcome: 'rejected' };
  }
  const { event } = verification;
  return db.transaction().execute(async (trx) => {
    const known = PAYMENT_ID.test(event.paymentId) && (await store.paymentExists(trx, event.paymentId));
    const eventRow = newId();
    const fresh = await store.recordEvent(trx, {
      id: eventRow,
      paymentId: known ? event.paymentId : null,
      provider: provider.name,
      eventId: storable(event.eventId).slice(0, 300),
      verified: true,
      outcome: 'received',
      headers,
      body: storable(input.body),
      at: input.now,
    });
    if (!fresh) return { code: 200, outcome: 'duplicate' as const };
    const outcome = known ? await settle(env, trx, event.paymentId, event.outcome, input.now) : 'unknown-payment';
    await store.setEventOutcome(trx, eventRow, outcome);
    return { code: outcome === 'unknown-payment' ? 404 : 200, outcome };
  });
}

/**
 * Asks the provider where an attempt stands and applies the answer ("Vérifier à nouveau", expiry; with
 * `includeExpired`, reconciliation: an expired attempt the statement says paid).
 */
export async function queryAndSettle(env: PaymentsEnv, paymentId: string, now: Date, opts: { includeExpired?: boolean } = {}): Promise<Outcome> {
  const { db } = env.ctx;
  const p = await store.paymentById(db, paymentId);
  if (!p) return 'unknown-payment';
  if (p.status !== 'created' && p.status !== 'pending' && !(opts.includeExpired && p.status === 'expired')) return 'ignored';
  const provider = env.providers.byName.get(p.provider);
  if (!provider) return 'pending';
  let said: ProviderStatus;
  try {
    said = await provider.queryStatus(p.id, p.providerRef);
  } catch (err) {
    if (err instanceof ProviderError) return 'pending';
    throw err;
  }
  if (said.status === 'pending') return 'pending';
  return db.transaction().execute(async (trx) => {
    const outcome = await settle(env, trx, p.id, said, now);
    const body = JSON.stringify(said);
    await store.recordEvent(trx, { id: newId(), paymentId: p.id, provider: p.provider, eventId: `query:${newId()}`, verified: true, outcome, headers: {}, body, at: now });
    return outcome;
  });
}

/** The applicant's "Vérifier à nouveau": every open attempt of their dossier is asked again. */
export async function checkAgain(env: PaymentsEnv, input: { dossierId: string; applicantId: string; locale: string; now: Date }): Promise<boolean> {
  const due = await payableOfApplicant(env.ctx.db, input.dossierId, input.applicantId, input.locale);
  if (!due) return false;
  const open = (await store.paymentsOfDossier(env.ctx.db, input.dossierId, due.purpose)).filter((p) => p.status === 'created' || p.status === 'pending');
  for (const p of open) await queryAndSettle(env, p.id, input.now);
  return true;
}

/**
 * Maintenance: an attempt past its time is asked once more of its provider (its notification may have been
 * lost), then expired if still unsettled. A success that comes later still files the dossier if it waits.
 */
export function expirePayments(env: PaymentsEnv) {
  return async (db: Kysely<DB>, now: Date): Promise<void> => {
    for (const p of await store.overdue(db, now, 200)) {
      const outcome = await queryAndSettle(env, p.id, now);
      if (outcome !== 'pending') continue;
      await db.transaction().execute(async (trx) => {
        const row = await store.lockPayment(trx, p.id);
        if (row && (row.status === 'created' || row.status === 'pending')) await store.setOutcome(trx, p.id, { status: 'expired', at: now });
      });
    }
  };
}

/** Headers worth keeping with a message (never cookies or credentials of ours). */
function keptHeaders(headers: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'cookie' || name === 'authorization') continue;
    kept[name] = value;
  }
  return kept;
}

// SQL of payments: dues (dossiers waiting for their fee), attempts, and the providers' messages.
import { sql, type Kysely } from 'kysely';
import type { DB, PaymentFlag, PaymentPurpose, PaymentStatus } from '../../platform/db/schema.ts';
import { acceptanceDue } from './on-acceptance.ts';

export interface DueView {
  dossierId: string;
  /** The fee of the submission (the dossier waits as a held draft) or the one asked on acceptance. */
  purpose: PaymentPurpose;
  reference: string;
  status: string;
  amount: number;
  label: string | null;
  paidAt: Date | null;
  procedureTitle: string;
  administrationId: string;
  applicantName: string | null;
  applicantPhone: string | null;
}

/** The applicant's own dossier waiting for (or settled by) its fee; another person's finds nothing. */
export function dueOfApplicant(db: Kysely<DB>, dossierId: string, applicantId: string, locale: string): Promise<DueView | undefined> {
  return dueView(db, 'submission', dossierId, applicantId, locale);
}

/** The applicant's own accepted dossier owing (or having paid) its fee on acceptance; written if just accepted. */
export async function acceptanceDueOfApplicant(db: Kysely<DB>, dossierId: string, applicantId: string, locale: string): Promise<DueView | undefined> {
  const own = await db.selectFrom('dossiers').select('id').where('id', '=', dossierId).where('applicant_id', '=', applicantId).executeTakeFirst();
  if (!own || !(await acceptanceDue(db, dossierId))) return undefined;
  return dueView(db, 'acceptance', dossierId, applicantId, locale);
}

/** A due as the payment page shows it: the submission's (payment_dues) or the acceptance's (acceptance_dues). */
async function dueView(db: Kysely<DB>, purpose: 'submission' | 'acceptance', dossierId: string, applicantId: string, locale: string): Promise<DueView | undefined> {
  const dues = sql.table(purpose === 'submission' ? 'payment_dues' : 'acceptance_dues');
  const { rows } = await sql<DueView>`
    SELECT d.id AS "dossierId", ${purpose}::text AS purpose, d.reference, d.status, du.amount, du.label, du.paid_at AS "paidAt",
      coalesce(t.title, f.title) AS "procedureTitle", p.administration_id AS "administrationId",
      u.name AS "applicantName", u.phone AS "applicantPhone"
    FROM ${dues} du
    JOIN dossiers d ON d.id = du.dossier_id
    JOIN users u ON u.id = d.applicant_id
    JOIN procedures p ON p.id = d.procedure_id
    JOIN procedure_texts f ON f.procedure_id = d.procedure_id AND f.locale = 'fr'
    LEFT JOIN procedure_texts t ON t.procedure_id = d.procedure_id AND t.locale = ${locale}
    WHERE du.dossier_id = ${dossierId} AND d.applicant_id = ${applicantId}`.execute(db);
  return rows[0];
}

export interface PaymentRow {
  id: string;
  dossierId: string;
  status: PaymentStatus;
  amountExpected: number;
  amountConfirmed: number | null;
  currency: string;
  provider: string;
  operator: string;
  payerPhone: string;
  providerRef: string | null;
  redirectUrl: string | null;
  flag: PaymentFlag | null;
  failure: string | null;
  createdAt: Date;
  expiresAt: Date;
  confirmedAt: Date | null;
  receiptDocumentId: string | null;
  purpose: PaymentPurpose;
}

const columns = [
  'id',
  'dossier_id as dossierId',
  'status',
  'amount_expected as amountExpected',
  'amount_confirmed as amountConfirmed',
  'currency',
  'provider',
  'operator',
  'payer_phone as payerPhone',
  'provider_ref as providerRef',
  'redirect_url as redirectUrl',
  'flag',
  'failure',
  'created_at as createdAt',
  'expires_at as expiresAt',
  'confirmed_at as confirmedAt',
  'receipt_document_id as receiptDocumentId',
  'purpose',
] as const;

/** The dossier's attempts, newest first; with `purpose`, only those paying that fee. */
export async function paymentsOfDossier(db: Kysely<DB>, dossierId: string, purpose?: PaymentPurpose): Promise<PaymentRow[]> {
  let q = db.selectFrom('payments').select(columns).where('dossier_id', '=', dossierId);
  if (purpose) q = q.where('purpose', '=', purpose);
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute()) as PaymentRow[];
}

export async function paymentById(db: Kysely<DB>, id: string): Promise<PaymentRow | undefined> {
  return (await db.selectFrom('payments').select(columns).where('id', '=', id).executeTakeFirst()) as PaymentRow | undefined;
}

/** The row locked until the transaction ends: callbacks, status queries and expiry take turns on it. */
export async function lockPayment(trx: Kysely<DB>, id: string): Promise<PaymentRow | undefined> {
  return (await trx.selectFrom('payments').select(columns).where('id', '=', id).forUpdate().executeTakeFirst()) as PaymentRow | undefined;
}

export async function insertPayment(
  db: Kysely<DB>,
  p: { id: string; dossierId: string; amount: number; provider: string; operator: string; phone: string; at: Date; expiresAt: Date; purpose?: PaymentPurpose },
): Promise<void> {
  await db
    .insertInto('payments')
    .values({
      id: p.id,
      dossier_id: p.dossierId,
      amount_expected: p.amount,
      provider: p.provider,
      operator: p.operator,
      payer_phone: p.phone,
      created_at: p.at,
      updated_at: p.at,
      expires_at: p.expiresAt,
      ...(p.purpose ? { purpose: p.purpose } : {}),
    })
    .execute();
}

/** created → pending, once the provider took the request. */
export async function markPending(db: Kysely<DB>, id: string, providerRef: string, redirectUrl: string | null, at: Date): Promise<void> {
  await db
    .updateTable('payments')
    .set({ status: 'pending', provider_ref: providerRef, redirect_url: redirectUrl, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'created')
    .execute();
}

export async function setOutcome(
  trx: Kysely<DB>,
  id: string,
  change: { status: PaymentStatus; at: Date; amountConfirmed?: number; flag?: PaymentFlag | null; failure?: string | null; confirmed?: boolean; receiptDocumentId?: string },
): Promise<void> {
  await trx
    .updateTable('payments')
    .set({
      status: change.status,
      updated_at: change.at,
      ...(change.amountConfirmed !== undefined ? { amount_confirmed: change.amountConfirmed } : {}),
      ...(change.flag !== undefined ? { flag: change.flag } : {}),
      ...(change.failure !== undefined ? { failure: change.failure } : {}),
      ...(change.confirmed ? { confirmed_at: change.at } : {}),
      ...(change.receiptDocumentId ? { receipt_document_id: change.receiptDocumentId } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Records a provider's message. A verified one is recorded once per (provider, event id): returns false when
 * it was already there (the same notification again), and the caller then changes nothing.
 */
export async function recordEvent(
  db: Kysely<DB>,
  e: { id: string; paymentId: string | null; provider: string; eventId: string; verified: boolean; outcome: string; headers: Record<string, unknown>; body: string; at: Date },
): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO payment_events (id, payment_id, provider, provider_event_id, verified, outcome, headers, body, received_at)
    VALUES (${e.id}, ${e.paymentId}, ${e.provider}, ${e.eventId}, ${e.verified}, ${e.outcome}, ${JSON.stringify(e.headers)}::jsonb, ${e.body}, ${e.at})
    ON CONFLICT (provider, provider_event_id) WHERE verified DO NOTHING
    RETURNING id`.execute(db);
  return rows.length === 1;
}

export async function setEventOutcome(db: Kysely<DB>, id: string, outcome: string): Promise<void> {
  await db.updateTable('payment_events').set({ outcome }).where('id', '=', id).execute();
}

export async function paymentExists(db: Kysely<DB>, id: string): Promise<boolean> {
  return !!(await db.selectFrom('payments').select('id').where('id', '=', id).executeTakeFirst());
}

/** Attempts past their time that nobody settled, oldest first. */
export async function overdue(db: Kysely<DB>, now: Date, limit: number): Promise<{ id: string; provider: string; providerRef: string | null }[]> {
  return db
    .selectFrom('payments')
    .select(['id', 'provider', 'provider_ref as providerRef'])
    .where('status', 'in', ['created', 'pending'])
    .where('expires_at', '<', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
}

export interface DossierForReceipt {
  reference: string;
  administrationId: string;
  procedureTitle: string;
  holderName: string;
}

export async function dossierForReceipt(db: Kysely<DB>, dossierId: string): Promise<DossierForReceipt | undefined> {
  const { rows } = await sql<DossierForReceipt>`
    SELECT d.reference, p.administration_id AS "administrationId", f.title AS "procedureTitle",
      coalesce(nullif(trim(concat_ws(' ', d.answers->>'prenoms', d.answers->>'nom')), ''), u.name, u.phone, u.email, '') AS "holderName"
    FROM dossiers d
    JOIN users u ON u.id = d.applicant_id
    JOIN procedures p ON p.id = d.procedure_id
    JOIN procedure_texts f ON f.procedure_id = d.procedure_id AND f.locale = 'fr'
    WHERE d.id = ${dossierId}`.execute(db);
  return rows[0];
}

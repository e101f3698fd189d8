// What an administration's managers see and do of the fees paid for its procedures: money received per
// procedure and day, the payments flagged for a refund, and the refund itself (recorded with its reason and
// audited: the money goes back through the provider's own back office). Only managers, only their
// administration and the services under it.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { administrationTree } from '../instruction/index.ts';
import { lockPayment, setOutcome } from './store.ts';

/** The administrations whose payments a user may see: a manager's tree, nobody else's. */
export async function paymentScope(db: Kysely<DB>, user: SessionUser): Promise<string[] | null> {
  if (user.role !== 'manager' || !user.administrationId) return null;
  return administrationTree(db, user.administrationId);
}

export interface DayTotal {
  day: string;
  procedureId: string;
  procedure: string;
  payments: number;
  amount: number;
}

/** Confirmed payments per procedure and local day, newest day first, over the last `days` days. */
export async function totalsByDay(db: Kysely<DB>, scope: string[], opts: { timeZone: string; since: Date }): Promise<DayTotal[]> {
  if (scope.length === 0) return [];
  const { rows } = await sql<DayTotal>`
    SELECT to_char(pm.confirmed_at AT TIME ZONE ${opts.timeZone}, 'YYYY-MM-DD') AS day, p.id AS "procedureId", f.title AS procedure,
      count(*)::int AS payments, sum(pm.amount_confirmed)::int AS amount
    FROM payments pm
    JOIN dossiers d ON d.id = pm.dossier_id
    JOIN procedures p ON p.id = d.procedure_id
    JOIN procedure_texts f ON f.procedure_id = p.id AND f.locale = 'fr'
    WHERE pm.status IN ('succeeded', 'refunded') AND pm.confirmed_at >= ${opts.since} AND p.administration_id IN (${sql.join(scope)})
    GROUP BY 1, 2, 3
    ORDER BY 1 DESC, 3`.execute(db);
  return rows;
}

export interface FlaggedPayment {
  id: string;
  reference: string | null;
  procedure: string;
  flag: string;
  status: string;
  amountExpected: number;
  amountConfirmed: number | null;
  operator: string;
  payerPhone: string;
  providerRef: string | null;
  confirmedAt: Date | null;
  refundedAt: Date | null;
  refundReason: string | null;
}

/** Money received that did not settle a dossier: to refund (or refunded, with the reason). */
export async function flaggedPayments(db: Kysely<DB>, scope: string[], id?: string): Promise<FlaggedPayment[]> {
  if (scope.length === 0) return [];
  const { rows } = await sql<FlaggedPayment>`
    SELECT pm.id, d.reference, f.title AS procedure, pm.flag, pm.status, pm.amount_expected AS "amountExpected",
      pm.amount_confirmed AS "amountConfirmed", pm.operator, pm.payer_phone AS "payerPhone", pm.provider_ref AS "providerRef",
      pm.confirmed_at AS "confirmedAt", pm.refunded_at AS "refundedAt", pm.refund_reason AS "refundReason"
    FROM payments pm
    JOIN dossiers d ON d.id = pm.dossier_id
    JOIN procedures p ON p.id = d.procedure_id
    JOIN procedure_texts f ON f.procedure_id = p.id AND f.locale = 'fr'
    WHERE pm.flag IS NOT NULL AND p.administration_id IN (${sql.join(scope)}) ${id ? sql`AND pm.id = ${id}` : sql``}
    ORDER BY pm.refunded_at IS NOT NULL, pm.created_at DESC
    LIMIT 200`.execute(db);
  return rows;
}

export const REASON_MAX = 500;

export type RefundResult = { ok: true } | { ok: false; reason: 'not-found' | 'reason' | 'state' };

/**
 * A manager records that flagged money went back to the payer, with why. Once: the row is locked and only a
 * flagged payment not yet refunded moves; audited in the same transaction.
 */
export async function refundPayment(db: Kysely<DB>, user: SessionUser, input: { paymentId: string; reason: string; now: Date }): Promise<RefundResult> {
  const scope = await paymentScope(db, user);
  if (!scope) return { ok: false, reason: 'not-found' };
  const [visible] = await flaggedPayments(db, scope, input.paymentId);
  if (!visible) return { ok: false, reason: 'not-found' };
  const reason = input.reason.trim();
  if (reason.length < 3 || reason.length > REASON_MAX) return { ok: false, reason: 'reason' };
  return db.transaction().execute(async (trx) => {
    const p = await lockPayment(trx, input.paymentId);
    if (!p || !p.flag || p.amountConfirmed === null || p.status === 'refunded') return { ok: false, reason: 'state' } as const;
    await setOutcome(trx, p.id, { status: 'refunded', at: input.now });
    await trx.updateTable('payments').set({ refunded_at: input.now, refunded_by: user.id, refund_reason: reason }).where('id', '=', p.id).execute();
    const administrationId = (await trx.selectFrom('dossiers').innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id').select('procedures.administration_id').where('dossiers.id', '=', p.dossierId).executeTakeFirst())?.administration_id ?? null;
    await appendAudit(trx, {
      actorId: user.id,
      action: 'payment.refunded',
      subject: { type: 'payment', id: p.id },
      administrationId,
      details: { dossierId: p.dossierId, amount: p.amountConfirmed, flag: p.flag, reason },
    });
    return { ok: true } as const;
  });
}

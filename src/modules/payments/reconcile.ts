// Reconciliation: a provider's statement against our payments, for one manager's administration. A line the
// provider says paid that we hold open or expired is asked again of the provider (its notification may have
// been lost): settled the usual way if it says paid. What still differs is listed for the manager.
import type { SessionUser } from '../../platform/auth/session.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { paymentScope } from './backoffice.ts';
import { queryAndSettle, type PaymentsEnv } from './service.ts';
import type { StatementLine } from './statement.ts';

export interface ReconciliationReport {
  lines: number;
  matched: number;
  matchedAmount: number;
  /** Settled now, after asking the provider again. */
  recovered: { transactionId: string; reference: string | null }[];
  /** Amount differs between the statement and what we recorded as confirmed. */
  amountDiffers: { transactionId: string; reference: string | null; ours: number | null; theirs: number }[];
  /** Paid at the provider, not (yet) settled here. */
  notSettled: { transactionId: string; reference: string | null; status: string }[];
  /** Settled here, unpaid at the provider. */
  notPaidThere: { transactionId: string; reference: string | null }[];
  /** Lines naming no payment of this administration. */
  unknown: { line: number; transactionId: string }[];
}

export async function reconcile(env: PaymentsEnv, user: SessionUser, lines: StatementLine[], now: Date): Promise<ReconciliationReport | null> {
  const { db } = env.ctx;
  const scope = await paymentScope(db, user);
  if (!scope) return null;
  const report: ReconciliationReport = { lines: lines.length, matched: 0, matchedAmount: 0, recovered: [], amountDiffers: [], notSettled: [], notPaidThere: [], unknown: [] };
  const ids = [...new Set(lines.map((l) => l.transactionId))];
  const ours = new Map<string, { id: string; status: string; amountConfirmed: number | null; reference: string | null }>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = await db
      .selectFrom('payments')
      .innerJoin('dossiers', 'dossiers.id', 'payments.dossier_id')
      .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
      .select(['payments.id', 'payments.status', 'payments.amount_confirmed as amountConfirmed', 'dossiers.reference'])
      .where('payments.id', 'in', chunk)
      .where('procedures.administration_id', 'in', scope)
      .execute();
    for (const r of rows) ours.set(r.id, r);
  }
  for (const line of lines) {
    const p = ours.get(line.transactionId);
    if (!p) {
      report.unknown.push({ line: line.line, transactionId: line.transactionId });
      continue;
    }
    const settled = p.status === 'succeeded' || p.status === 'refunded' || p.amountConfirmed !== null;
    if (!line.paid) {
      if (settled) report.notPaidThere.push({ transactionId: p.id, reference: p.reference });
      continue;
    }
    if (!settled) {
      const outcome = await queryAndSettle(env, p.id, now, { includeExpired: true });
      if (outcome === 'succeeded' || outcome === 'late-success' || outcome === 'flagged') report.recovered.push({ transactionId: p.id, reference: p.reference });
      else report.notSettled.push({ transactionId: p.id, reference: p.reference, status: p.status });
      continue;
    }
    if (p.amountConfirmed !== line.amount) report.amountDiffers.push({ transactionId: p.id, reference: p.reference, ours: p.amountConfirmed, theirs: line.amount });
    else (report.matched++, (report.matchedAmount += line.amount));
  }
  await appendAudit(db, {
    actorId: user.id,
    action: 'payment.reconciled',
    subject: null,
    administrationId: user.administrationId,
    details: {
      lines: report.lines,
      matched: report.matched,
      recovered: report.recovered.length,
      amountDiffers: report.amountDiffers.length,
      notSettled: report.notSettled.length,
      notPaidThere: report.notPaidThere.length,
      unknown: report.unknown.length,
    },
  });
  return report;
}

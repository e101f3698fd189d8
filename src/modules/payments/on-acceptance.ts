// Fees asked by the decision (« accepté, payez pour recevoir », decision 0017): a form may declare
// `feeOnAcceptance`; once its dossier is accepted, the documents issued for it wait until a provider confirms
// the payment. The same attempts, notifications and receipt as the fee of a submission: only what a confirmed
// payment settles differs (this due instead of the held draft).
//
// The due is written the first time the dossier is seen accepted (its page, a download, the payment page, the
// agent's documents page), as the decision letter is made on its first download: the decision itself (the
// dossiers module) knows nothing of fees. Its amount is computed then from the answers filed, on the revision
// the dossier was filed on, and kept.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { acceptanceFeeOf, textIn, type Answers, type FormDefinition } from '../forms/index.ts';

export interface AcceptanceDue {
  dossierId: string;
  /** The dossier's status now: the documents are withheld only while it is 'accepted' and unpaid. */
  status: string;
  amount: number;
  label: string | null;
  paidAt: Date | null;
}

/** The dossier's fee on acceptance, written now if it was just accepted; undefined when none is asked. */
export async function acceptanceDue(db: Kysely<DB>, dossierId: string): Promise<AcceptanceDue | undefined> {
  const { rows } = await sql<{ status: string; answers: Answers; definition: FormDefinition | null; amount: number | null; label: string | null; paid_at: Date | null }>`
    SELECT d.status, d.answers, r.definition, a.amount, a.label, a.paid_at
    FROM dossiers d
    LEFT JOIN acceptance_dues a ON a.dossier_id = d.id
    LEFT JOIN procedure_revisions r ON r.id = d.revision_id
    WHERE d.id = ${dossierId}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  if (row.amount !== null) return { dossierId, status: row.status, amount: row.amount, label: row.label, paidAt: row.paid_at };
  // Free procedures stop here without a write: nothing is asked of them, nothing changes.
  if (row.status !== 'accepted' || !row.definition?.feeOnAcceptance) return undefined;
  const amount = acceptanceFeeOf(row.definition, row.answers ?? {});
  if (amount <= 0) return undefined;
  const label = row.definition.feeOnAcceptance.label ? textIn(row.definition.feeOnAcceptance.label, 'fr') : null;
  // Two first views at once write one row: the second finds it.
  await db.insertInto('acceptance_dues').values({ dossier_id: dossierId, amount, label }).onConflict((oc) => oc.column('dossier_id').doNothing()).execute();
  const kept = await db.selectFrom('acceptance_dues').select(['amount', 'label', 'paid_at']).where('dossier_id', '=', dossierId).executeTakeFirstOrThrow();
  return { dossierId, status: row.status, amount: kept.amount, label: kept.label, paidAt: kept.paid_at };
}

/** Whether the dossier's documents are withheld: accepted, a fee on acceptance asked, not yet paid. */
export function withholds(due: AcceptanceDue | undefined): due is AcceptanceDue {
  return !!due && due.status === 'accepted' && !due.paidAt;
}

/** What the agent sees: nothing asked, waiting for the payment, or paid. */
export type AcceptanceFeeState = { state: 'none' } | { state: 'waiting' | 'paid'; amount: number };

export async function acceptanceFeeState(db: Kysely<DB>, dossierId: string): Promise<AcceptanceFeeState> {
  const due = await acceptanceDue(db, dossierId);
  if (!due) return { state: 'none' };
  return { state: due.paidAt ? 'paid' : 'waiting', amount: due.amount };
}

/**
 * In the confirming payment's transaction: the due is locked and marked paid. `settled: false` when another
 * attempt paid it first (this money is then flagged for a refund) or when there is no due.
 */
export async function settleAcceptanceDue(trx: Kysely<DB>, input: { dossierId: string; paymentId: string; now: Date }): Promise<{ settled: true; reference: string } | { settled: false }> {
  const due = await trx.selectFrom('acceptance_dues').select(['paid_at']).where('dossier_id', '=', input.dossierId).forUpdate().executeTakeFirst();
  if (!due || due.paid_at) return { settled: false };
  await trx.updateTable('acceptance_dues').set({ paid_at: input.now, payment_id: input.paymentId }).where('dossier_id', '=', input.dossierId).execute();
  const dossier = await trx.selectFrom('dossiers').select(['reference']).where('id', '=', input.dossierId).executeTakeFirstOrThrow();
  return { settled: true, reference: dossier.reference ?? '' };
}

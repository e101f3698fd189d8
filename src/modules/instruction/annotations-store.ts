// The SQL of the agents' annotations (migrations/0011_annotations.sql).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { Answers } from '../forms/index.ts';

export async function annotationsOf(db: Kysely<DB>, dossierId: string): Promise<Answers> {
  const row = await db.selectFrom('dossier_annotations').select('answers').where('dossier_id', '=', dossierId).executeTakeFirst();
  return (row?.answers ?? {}) as Answers;
}

/**
 * Takes the next version of the dossier if it is still the one the agent's page showed: false otherwise.
 * The row stays locked until the transaction ends, which orders this change after or before a decision.
 * `updated_at` is left alone: the applicant sees it, and an annotation is none of his business.
 */
export async function bumpVersion(trx: Transaction<DB>, dossierId: string, version: number): Promise<boolean> {
  const res = await trx
    .updateTable('dossiers')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', dossierId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function writeAnnotations(trx: Transaction<DB>, row: { dossierId: string; answers: Answers; userId: string; at: Date }): Promise<void> {
  const values = { answers: JSON.stringify(row.answers), updated_by: row.userId, updated_at: row.at };
  await trx
    .insertInto('dossier_annotations')
    .values({ dossier_id: row.dossierId, ...values })
    .onConflict((oc) => oc.column('dossier_id').doUpdateSet(values))
    .execute();
}

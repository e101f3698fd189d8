// SQL of dossiers and of the procedure revisions they are filed on.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, DossierStatus } from '../../platform/db/schema.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface Revision {
  id: string;
  procedureId: string;
  number: number;
  definition: unknown;
}

export async function publishedRevision(db: Q, procedureId: string): Promise<Revision | undefined> {
  const row = await db
    .selectFrom('procedure_revisions')
    .select(['id', 'procedure_id', 'number', 'definition'])
    .where('procedure_id', '=', procedureId)
    .where('status', '=', 'published')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { id: row.id, procedureId: row.procedure_id, number: row.number, definition: row.definition };
}

export async function revisionById(db: Q, id: string): Promise<Revision | undefined> {
  const row = await db.selectFrom('procedure_revisions').select(['id', 'procedure_id', 'number', 'definition']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, procedureId: row.procedure_id, number: row.number, definition: row.definition };
}

export async function latestRevisionNumber(db: Q, procedureId: string): Promise<number> {
  const row = await db
    .selectFrom('procedure_revisions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('procedure_id', '=', procedureId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Publishes a new revision; the previous published one is superseded (dossiers filed on it keep it). */
export async function publishRevision(trx: Transaction<DB>, rev: { id: string; procedureId: string; number: number; definition: unknown }) {
  await trx.updateTable('procedure_revisions').set({ status: 'superseded' }).where('procedure_id', '=', rev.procedureId).where('status', '=', 'published').execute();
  await trx
    .insertInto('procedure_revisions')
    .values({ id: rev.id, procedure_id: rev.procedureId, number: rev.number, status: 'published', definition: JSON.stringify(rev.definition), published_at: new Date() })
    .execute();
}

export interface DossierRow {
  id: string;
  reference: string | null;
  procedureId: string;
  revisionId: string;
  applicantId: string;
  status: DossierStatus;
  answers: Record<string, unknown>;
  submitKey: string | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
}

const dossierColumns = [
  'id',
  'reference',
  'procedure_id as procedureId',
  'revision_id as revisionId',
  'applicant_id as applicantId',
  'status',
  'answers',
  'submit_key as submitKey',
  'created_at as createdAt',
  'updated_at as updatedAt',
  'submitted_at as submittedAt',
] as const;

/** A dossier as its applicant may see it: another applicant's id finds nothing. */
export async function dossierOfApplicant(db: Q, id: string, applicantId: string): Promise<DossierRow | undefined> {
  return (await db.selectFrom('dossiers').select(dossierColumns).where('id', '=', id).where('applicant_id', '=', applicantId).executeTakeFirst()) as DossierRow | undefined;
}

export async function dossierByReference(db: Q, reference: string): Promise<DossierRow | undefined> {
  return (await db.selectFrom('dossiers').select(dossierColumns).where('reference', '=', reference).executeTakeFirst()) as DossierRow | undefined;
}

export async function insertDraft(db: Q, d: { id: string; procedureId: string; revisionId: string; applicantId: string; answers?: Record<string, unknown> }) {
  await db
    .insertInto('dossiers')
    .values({ id: d.id, procedure_id: d.procedureId, revision_id: d.revisionId, applicant_id: d.applicantId, answers: JSON.stringify(d.answers ?? {}) })
    .execute();
}

export async function saveDraftAnswers(db: Q, id: string, answers: Record<string, unknown>, revisionId?: string): Promise<void> {
  await db
    .updateTable('dossiers')
    .set({ answers: JSON.stringify(answers), updated_at: new Date(), ...(revisionId ? { revision_id: revisionId } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

/**
 * Submits a draft with its one-time key. Returns false when the row was not a draft any more (already
 * submitted, perhaps by this very key in another request: the caller then compares keys).
 */
export async function markSubmitted(trx: Transaction<DB>, d: { id: string; key: string; reference: string; answers: Record<string, unknown> }): Promise<boolean> {
  const res = await trx
    .updateTable('dossiers')
    .set({ status: 'submitted', submit_key: d.key, reference: d.reference, answers: JSON.stringify(d.answers), submitted_at: new Date(), updated_at: new Date() })
    .where('id', '=', d.id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteDraft(db: Q, id: string, applicantId: string): Promise<boolean> {
  const res = await db.deleteFrom('dossiers').where('id', '=', id).where('applicant_id', '=', applicantId).where('status', '=', 'draft').executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function addEvent(db: Q, e: { id: string; dossierId: string; kind: string; status?: DossierStatus; actorId?: string; note?: string }) {
  await db
    .insertInto('dossier_events')
    .values({ id: e.id, dossier_id: e.dossierId, kind: e.kind, status: e.status ?? null, actor_id: e.actorId ?? null, note: e.note ?? null })
    .execute();
}

export function events(db: Q, dossierId: string) {
  return db.selectFrom('dossier_events').select(['kind', 'status', 'note', 'created_at as createdAt']).where('dossier_id', '=', dossierId).orderBy('created_at').orderBy('id').execute();
}

export interface DossierListItem {
  id: string;
  reference: string | null;
  status: DossierStatus;
  slug: string;
  title: string;
  updatedAt: Date;
  submittedAt: Date | null;
}

export async function listOfApplicant(db: Q, applicantId: string, locale: string): Promise<DossierListItem[]> {
  const { rows } = await sql<DossierListItem>`
    SELECT d.id, d.reference, d.status, p.slug, coalesce(t.title, f.title) AS title,
      d.updated_at AS "updatedAt", d.submitted_at AS "submittedAt"
    FROM dossiers d
    JOIN procedures p ON p.id = d.procedure_id
    JOIN procedure_texts f ON f.procedure_id = p.id AND f.locale = 'fr'
    LEFT JOIN procedure_texts t ON t.procedure_id = p.id AND t.locale = ${locale}
    WHERE d.applicant_id = ${applicantId}
    ORDER BY d.updated_at DESC, d.id DESC
    LIMIT 200`.execute(db);
  return rows;
}

export async function insertAttachment(db: Q, a: { id: string; dossierId: string; field: string; blobKey: string; name: string; kind: string; size: number; sha256: string }) {
  await db
    .insertInto('dossier_attachments')
    .values({ id: a.id, dossier_id: a.dossierId, field: a.field, blob_key: a.blobKey, name: a.name, kind: a.kind, size: a.size, sha256: a.sha256 })
    .execute();
}

export function attachmentOfDossier(db: Q, dossierId: string, attachmentId: string) {
  return db.selectFrom('dossier_attachments').selectAll().where('dossier_id', '=', dossierId).where('id', '=', attachmentId).executeTakeFirst();
}

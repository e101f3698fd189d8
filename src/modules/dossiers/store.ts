// SQL of dossiers, their files, timeline and messages. Every read on the applicant's behalf takes the
// applicant's id: another person's dossier id finds nothing.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, DossierStatus } from '../../platform/db/schema.ts';
import { PREPARED } from '../../platform/db/database.ts';
import { messageRows, type Message } from '../../platform/notify/messages.ts';
import type { Answers } from '../forms/index.ts';

type Q = Kysely<DB> | Transaction<DB>;

export interface DossierRow {
  id: string;
  reference: string | null;
  procedureId: string;
  revisionId: string;
  applicantId: string | null;
  status: DossierStatus;
  answers: Answers;
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

export async function dossierOfApplicant(db: Q, id: string, applicantId: string): Promise<DossierRow | undefined> {
  return (await db.selectFrom('dossiers').select(dossierColumns).where('id', '=', id).where('applicant_id', '=', applicantId).executeTakeFirst()) as
    | DossierRow
    | undefined;
}

/** For the back office, which checks its own scope first: any filed dossier by id. */
export async function filedDossier(db: Q, id: string): Promise<DossierRow | undefined> {
  return (await db.selectFrom('dossiers').select(dossierColumns).where('id', '=', id).where('status', '!=', 'draft').executeTakeFirst()) as DossierRow | undefined;
}

export async function dossierByReference(db: Q, reference: string): Promise<DossierRow | undefined> {
  return (await db.selectFrom('dossiers').select(dossierColumns).where('reference', '=', reference).executeTakeFirst()) as DossierRow | undefined;
}

export async function insertDraft(
  db: Q,
  d: { id: string; procedureId: string; revisionId: string; applicantId: string | null; answers?: Answers; prefillHash?: string },
): Promise<void> {
  await db
    .insertInto('dossiers')
    .values({
      id: d.id,
      procedure_id: d.procedureId,
      revision_id: d.revisionId,
      applicant_id: d.applicantId,
      answers: JSON.stringify(d.answers ?? {}),
      prefill_hash: d.prefillHash ?? null,
    })
    .execute();
}

/** Saves a draft's answers (and the revision it moved to); does nothing once the dossier is submitted. */
export async function saveDraftAnswers(db: Q, id: string, answers: Answers, revisionId?: string): Promise<boolean> {
  const res = await db
    .updateTable('dossiers')
    .set({ answers: JSON.stringify(answers), updated_at: new Date(), ...(revisionId ? { revision_id: revisionId } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Submits a draft with its one-time key, files it with its team and administration and writes the "submitted"
 * event of its timeline; with `receipt`, queues that message and its delivery job; with `keepFiles`, deletes
 * the draft's answer files that are not in it and returns their blob keys. One statement for all of it: at
 * hundreds of submissions a second, round trips to the database are what costs. With `version` (the row's
 * xmin when it was read and checked), nothing is written unless the draft is still that version: null then.
 */
export async function markSubmitted(
  db: Q,
  d: {
    id: string;
    key: string;
    reference: string;
    answers: Answers;
    at: Date;
    eventId: string;
    actorId: string;
    teamId: string | null;
    administrationId: string;
    dueAt: Date | null;
    version?: string;
    receipt?: Message;
    keepFiles?: string[];
  },
): Promise<{ staleBlobs: string[] } | null> {
  const receipt = d.receipt && messageRows(d.receipt);
  const keep = d.keepFiles && (d.keepFiles.length > 0 ? sql`AND id NOT IN (${sql.join(d.keepFiles)})` : sql``);
  const { rows } = await sql<{ filed: number; stale: string[] }>`${PREPARED}
    WITH submitted AS (
      UPDATE dossiers SET status = 'submitted', submit_key = ${d.key}, reference = ${d.reference}, answers = ${JSON.stringify(d.answers)}::jsonb,
        submitted_at = ${d.at}, updated_at = ${d.at}, team_id = ${d.teamId}, administration_id = ${d.administrationId}, due_at = ${d.dueAt}
      WHERE id = ${d.id} AND status = 'draft' ${d.version === undefined ? sql`` : sql`AND xmin::text = ${d.version}`}
      RETURNING id),
    event AS (
      INSERT INTO dossier_events (id, dossier_id, kind, status, actor_id, created_at)
      SELECT ${d.eventId}, id, 'submitted', 'submitted', ${d.actorId}, ${d.at} FROM submitted)${
      receipt
        ? sql`,
    message AS (
      INSERT INTO notifications (id, channel, recipient, subject, body)
      SELECT ${receipt.notification.id}, ${receipt.notification.channel}, ${receipt.notification.recipient}, ${receipt.notification.subject},
        ${receipt.notification.body} FROM submitted),
    job AS (
      INSERT INTO jobs (id, kind, payload) SELECT ${receipt.job.id}, ${receipt.job.kind}, ${receipt.job.payload}::jsonb FROM submitted)`
        : sql``
    }${
      keep
        ? sql`,
    pruned AS (
      DELETE FROM dossier_attachments WHERE dossier_id IN (SELECT id FROM submitted) AND field IS NOT NULL ${keep}
      RETURNING blob_key)`
        : sql``
    }
    SELECT (SELECT count(*) FROM submitted)::int AS filed,
      ${keep ? sql`(SELECT coalesce(array_agg(blob_key), '{}') FROM pruned)` : sql`'{}'::text[]`} AS stale`.execute(db);
  return rows[0]!.filed === 1 ? { staleBlobs: rows[0]!.stale } : null;
}

/** Deletes a draft of this applicant; returns the blob keys of its files, to delete once committed. */
export async function deleteDraft(trx: Transaction<DB>, id: string, applicantId: string): Promise<string[] | null> {
  const blobs = await trx.selectFrom('dossier_attachments').select('blob_key').where('dossier_id', '=', id).execute();
  // A draft with a reference waits for its fee (decision 0017): its payments are kept, so it stays too.
  const res = await trx
    .deleteFrom('dossiers')
    .where('id', '=', id)
    .where('applicant_id', '=', applicantId)
    .where('status', '=', 'draft')
    .where('reference', 'is', null)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1 ? blobs.map((b) => b.blob_key) : null;
}

export async function addEvent(db: Q, e: { id: string; dossierId: string; kind: string; status?: DossierStatus; actorId?: string | null; note?: string; at?: Date }) {
  await db
    .insertInto('dossier_events')
    .values({ id: e.id, dossier_id: e.dossierId, kind: e.kind, status: e.status ?? null, actor_id: e.actorId ?? null, note: e.note ?? null, created_at: e.at })
    .execute();
}

export interface TimelineEvent {
  id: string;
  kind: string;
  status: DossierStatus | null;
  note: string | null;
  createdAt: Date;
}

export async function timeline(db: Q, dossierId: string): Promise<TimelineEvent[]> {
  return (await db
    .selectFrom('dossier_events')
    .select(['id', 'kind', 'status', 'note', 'created_at as createdAt'])
    .where('dossier_id', '=', dossierId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()) as TimelineEvent[];
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

export interface AttachmentRow {
  id: string;
  dossierId: string;
  field: string | null;
  messageId: string | null;
  /** The decision this file was attached to (its timeline event); absent for answers' and messages' files. */
  eventId?: string | null;
  blobKey: string;
  name: string;
  kind: string;
  size: number;
  sha256: string;
}

export async function insertAttachment(db: Q, a: AttachmentRow): Promise<void> {
  await db
    .insertInto('dossier_attachments')
    .values({ id: a.id, dossier_id: a.dossierId, field: a.field, message_id: a.messageId, event_id: a.eventId ?? null, blob_key: a.blobKey, name: a.name, kind: a.kind, size: a.size, sha256: a.sha256 })
    .execute();
}

const attachmentColumns = ['id', 'dossier_id as dossierId', 'field', 'message_id as messageId', 'event_id as eventId', 'blob_key as blobKey', 'name', 'kind', 'size', 'sha256'] as const;

export async function attachmentOf(db: Q, dossierId: string, attachmentId: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('dossier_attachments').select(attachmentColumns).where('dossier_id', '=', dossierId).where('id', '=', attachmentId).executeTakeFirst();
}

export async function attachmentsOf(db: Q, dossierId: string): Promise<AttachmentRow[]> {
  return db.selectFrom('dossier_attachments').select(attachmentColumns).where('dossier_id', '=', dossierId).orderBy('created_at').execute();
}

/** Deletes attachment rows of a dossier; returns their blob keys. */
export async function deleteAttachments(db: Q, dossierId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.deleteFrom('dossier_attachments').where('dossier_id', '=', dossierId).where('id', 'in', ids).returning('blob_key').execute();
  return rows.map((r) => r.blob_key);
}

export interface MessageRow {
  id: string;
  fromApplicant: boolean;
  body: string;
  createdAt: Date;
}

export async function insertMessage(db: Q, m: { id: string; dossierId: string; authorId: string | null; fromApplicant: boolean; body: string }): Promise<void> {
  await db.insertInto('dossier_messages').values({ id: m.id, dossier_id: m.dossierId, author_id: m.authorId, from_applicant: m.fromApplicant, body: m.body }).execute();
}

export async function messagesOf(db: Q, dossierId: string): Promise<MessageRow[]> {
  return db
    .selectFrom('dossier_messages')
    .select(['id', 'from_applicant as fromApplicant', 'body', 'created_at as createdAt'])
    .where('dossier_id', '=', dossierId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Gives an unclaimed prefilled draft to the signed-in citizen holding its token (once). */
export async function claimPrefilled(db: Q, prefillHash: string, applicantId: string): Promise<string | undefined> {
  const row = await db
    .updateTable('dossiers')
    .set({ applicant_id: applicantId, prefill_hash: null, updated_at: new Date() })
    .where('prefill_hash', '=', prefillHash)
    .where('applicant_id', 'is', null)
    .where('status', '=', 'draft')
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export interface ProcedureHead {
  id: string;
  slug: string;
  title: string;
}

/** The procedure a dossier is filed on, titled in the reader's language (French when missing). */
export async function procedureHead(db: Q, where: { id: string } | { country: string; slug: string }, locale: string, unpublished = false): Promise<ProcedureHead | undefined> {
  const { rows } = await sql<ProcedureHead>`
    SELECT p.id, p.slug, coalesce(t.title, f.title) AS title
    FROM procedures p
    JOIN procedure_texts f ON f.procedure_id = p.id AND f.locale = 'fr'
    LEFT JOIN procedure_texts t ON t.procedure_id = p.id AND t.locale = ${locale}
    WHERE (p.published OR ${unpublished}) AND ${'id' in where ? sql`p.id = ${where.id}` : sql`p.country = ${where.country} AND p.slug = ${where.slug}`}`.execute(db);
  return rows[0];
}

/** Keeps only the answer files still referenced by the answers; returns the blob keys of the others. */
export async function pruneAnswerFiles(db: Q, dossierId: string, keep: string[]): Promise<string[]> {
  let q = db.deleteFrom('dossier_attachments').where('dossier_id', '=', dossierId).where('field', 'is not', null);
  if (keep.length > 0) q = q.where('id', 'not in', keep);
  const rows = await q.returning('blob_key').execute();
  return rows.map((r) => r.blob_key);
}

/** Drafts prefilled through the API that nobody claimed within a week are deleted (they hold no files). */
export async function purgeUnclaimedDrafts(db: Kysely<DB>, now: Date): Promise<void> {
  await db
    .deleteFrom('dossiers')
    .where('applicant_id', 'is', null)
    .where('status', '=', 'draft')
    .where('created_at', '<', new Date(now.getTime() - 7 * 86_400_000))
    .execute();
}

// The documents module's SQL: sealing keys, issued documents, revocations.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, DocumentKeysTable, DocumentsTable } from '../../platform/db/schema.ts';

export type KeyRow = Selectable<DocumentKeysTable>;
export type DocumentRow = Selectable<DocumentsTable>;

/**
 * The administration's active key. With `share`, the row stays share-locked until the transaction ends: a
 * rotation (which locks it for update first) waits for the documents being sealed with it, so none of them is
 * dated after its retirement.
 */
export function activeKeyOf(db: Kysely<DB>, administrationId: string, share = false): Promise<KeyRow | undefined> {
  const query = db.selectFrom('document_keys').selectAll().where('administration_id', '=', administrationId).where('retired_at', 'is', null);
  return (share ? query.forShare() : query).executeTakeFirst();
}

/** The database's clock, to the second: every instance dates documents and keys by the same clock. */
export async function databaseSecond(db: Kysely<DB>): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`SELECT date_trunc('second', clock_timestamp()) AS now`.execute(db);
  return new Date(rows[0]!.now);
}

export async function insertKey(
  db: Kysely<DB>,
  row: { id: string; administration_id: string; public_key: string; private_key_enc: string },
  opts: { ifNoActive: boolean },
): Promise<void> {
  const insert = db.insertInto('document_keys').values(row);
  // The partial unique index on the active key decides a race between two first uses.
  await (opts.ifNoActive
    ? insert.onConflict((oc) => oc.column('administration_id').where('retired_at', 'is', null).doNothing())
    : insert
  ).execute();
}

/**
 * Retires the administration's active key; returns its id, or null when it had none. The row is locked first
 * (waiting for documents being sealed with it), and the retirement is dated after: by the clock at that moment,
 * not the transaction's start.
 */
export async function retireActiveKey(db: Kysely<DB>, administrationId: string): Promise<string | null> {
  const active = await db
    .selectFrom('document_keys')
    .select('id')
    .where('administration_id', '=', administrationId)
    .where('retired_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!active) return null;
  await db.updateTable('document_keys').set({ retired_at: sql<Date>`clock_timestamp()` }).where('id', '=', active.id).execute();
  return active.id;
}

export interface PublishedKey {
  id: string;
  public_key: string;
  created_at: Date;
  retired_at: Date | null;
  administration_id: string;
  administration_code: string;
  administration_name: string;
  country: string;
}

export function publishedKeys(db: Kysely<DB>): Promise<PublishedKey[]> {
  return db
    .selectFrom('document_keys as k')
    .innerJoin('administrations as a', 'a.id', 'k.administration_id')
    .select(['k.id', 'k.public_key', 'k.created_at', 'k.retired_at', 'k.administration_id'])
    .select(['a.code as administration_code', 'a.name as administration_name', 'a.country'])
    .orderBy('k.administration_id')
    .orderBy('k.created_at')
    .execute();
}

export function keyById(db: Kysely<DB>, id: string): Promise<PublishedKey | undefined> {
  return db
    .selectFrom('document_keys as k')
    .innerJoin('administrations as a', 'a.id', 'k.administration_id')
    .select(['k.id', 'k.public_key', 'k.created_at', 'k.retired_at', 'k.administration_id'])
    .select(['a.code as administration_code', 'a.name as administration_name', 'a.country'])
    .where('k.id', '=', id)
    .executeTakeFirst();
}

export function administration(db: Kysely<DB>, idOrCode: string) {
  return db
    .selectFrom('administrations')
    .select(['id', 'code', 'name', 'country', 'acronym'])
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
}

export type NewDocument = Omit<DocumentRow, 'revoked_at' | 'revoked_by' | 'revocation_reason' | 'content'> & { content: string };

/** Inserts unless a unique index objects (reference taken, receipt already made); true when inserted. */
export async function insertDocument(db: Kysely<DB>, row: NewDocument): Promise<boolean> {
  const inserted = await db.insertInto('documents').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

export function documentById(db: Kysely<DB>, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export function documentByReference(db: Kysely<DB>, reference: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('reference', '=', reference).executeTakeFirst();
}

export function receiptOf(db: Kysely<DB>, dossierId: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('dossier_id', '=', dossierId).where('kind', '=', 'submission-receipt').executeTakeFirst();
}

export function documentsOfDossier(db: Kysely<DB>, dossierId: string) {
  return db
    .selectFrom('documents')
    .select(['id', 'kind', 'reference', 'issued_at', 'revoked_at', 'title'])
    .where('dossier_id', '=', dossierId)
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Marks a document revoked unless it already is; true when this call revoked it. */
export async function revoke(db: Kysely<DB>, id: string, by: string, reason: string): Promise<boolean> {
  const row = await db
    .updateTable('documents')
    .set({ revoked_at: sql<Date>`now()`, revoked_by: by, revocation_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export function revocations(db: Kysely<DB>) {
  return db
    .selectFrom('documents')
    .select(['reference', 'revoked_at', 'revocation_reason'])
    .where('revoked_at', 'is not', null)
    .orderBy('revoked_at')
    .execute();
}

export interface DossierFacts {
  id: string;
  reference: string | null;
  status: string;
  submitted_at: Date | null;
  applicant_id: string | null;
  team_id: string | null;
  /** The administration processing it (routing), else the procedure's. */
  administration_id: string;
  administration_name: string;
  country: string;
  procedure_title: string;
  applicant_name: string | null;
  applicant_phone: string | null;
  applicant_email: string | null;
}

/** What a receipt or a decision letter says about a dossier (the procedure's title in French, the legal language). */
export async function dossierFacts(db: Kysely<DB>, id: string): Promise<DossierFacts | undefined> {
  const { rows } = await sql<DossierFacts>`
    SELECT d.id, d.reference, d.status, d.submitted_at, d.applicant_id, d.team_id,
           a.id AS administration_id, a.name AS administration_name, a.country,
           coalesce(t.title, p.slug) AS procedure_title,
           u.name AS applicant_name, u.phone AS applicant_phone, u.email AS applicant_email
    FROM dossiers d
    JOIN procedures p ON p.id = d.procedure_id
    JOIN administrations a ON a.id = coalesce(d.administration_id, p.administration_id)
    LEFT JOIN procedure_texts t ON t.procedure_id = p.id AND t.locale = 'fr'
    LEFT JOIN users u ON u.id = d.applicant_id
    WHERE d.id = ${id}`.execute(db);
  return rows[0];
}

/** The dossier if the back-office scope holds it (the same rule as the inbox: teams, or administrations). */
export async function dossierInScope(db: Kysely<DB>, scope: { by: 'team' | 'administration'; ids: string[] }, id: string): Promise<{ id: string; reference: string } | undefined> {
  if (scope.ids.length === 0) return undefined;
  const column = scope.by === 'team' ? sql`team_id` : sql`administration_id`;
  const { rows } = await sql<{ id: string; reference: string }>`
    SELECT id, reference FROM dossiers
    WHERE id = ${id} AND stage IS NOT NULL AND reference IS NOT NULL AND ${column} = ANY(${scope.ids}::text[])`.execute(db);
  return rows[0];
}

export interface DecisionEvent {
  kind: string;
  status: 'accepted' | 'refused';
  note: string | null;
  created_at: Date;
}

/** The dossier's latest acceptance or refusal (by an agent, or by the administration's silence). */
export function latestDecision(db: Kysely<DB>, dossierId: string): Promise<DecisionEvent | undefined> {
  return db
    .selectFrom('dossier_events')
    .select(['kind', 'status', 'note', 'created_at'])
    .where('dossier_id', '=', dossierId)
    .where('status', 'in', ['accepted', 'refused'])
    .where('kind', 'in', ['accepted', 'refused', 'accepted_silence', 'refused_silence'])
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst() as Promise<DecisionEvent | undefined>;
}

/** A document of this kind issued for the dossier since the given moment (the letter of the current decision). */
export function documentSince(db: Kysely<DB>, dossierId: string, kind: string, since: Date): Promise<DocumentRow | undefined> {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('kind', '=', kind)
    .where('issued_at', '>=', new Date(Math.floor(since.getTime() / 1000) * 1000))
    .orderBy('issued_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Whether a registry delivered its own document for the dossier (a bulletin, an extract): no generic letter then. */
export async function hasRegistryDocument(db: Kysely<DB>, dossierId: string): Promise<boolean> {
  const row = await db
    .selectFrom('documents')
    .select('id')
    .where('dossier_id', '=', dossierId)
    .where('kind', 'in', ['bulletin-1', 'bulletin-2', 'bulletin-3', 'birth-act-extract'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Serialises the first issue of a dossier's letter between instances, until the transaction ends. */
export async function lockDossierLetter(db: Kysely<DB>, dossierId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`documents-letter:${dossierId}`}))`.execute(db);
}

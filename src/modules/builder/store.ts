// SQL of the procedure builder: the procedure whose form is built, and its draft revision. A procedure has at
// most one draft (partial unique index procedure_revisions_one_draft); publishing it makes it a published
// revision through dossiers' publishDefinition, the one way revisions are published.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/db/ids.ts';
import type { FormDefinition } from '../forms/index.ts';
import { publishDefinition, publishedRevision, type Revision } from '../dossiers/revisions-store.ts';

type Q = Kysely<DB> | Transaction<DB>;

export { publishedRevision, type Revision };

export interface BuilderProcedure {
  id: string;
  slug: string;
  country: string;
  administrationId: string;
  /** In the reader's language, French when not translated. */
  title: string;
}

export async function procedureOf(db: Q, id: string, locale: string): Promise<BuilderProcedure | undefined> {
  const { rows } = await sql<BuilderProcedure>`
    SELECT p.id, p.slug, p.country, p.administration_id AS "administrationId", coalesce(t.title, f.title, p.slug) AS title
    FROM procedures p
    LEFT JOIN procedure_texts f ON f.procedure_id = p.id AND f.locale = 'fr'
    LEFT JOIN procedure_texts t ON t.procedure_id = p.id AND t.locale = ${locale}
    WHERE p.id = ${id}`.execute(db);
  return rows[0];
}

/** Serialises changes to one procedure's form (two managers saving at once, a save during a publication). */
export async function lockProcedure(trx: Transaction<DB>, procedureId: string): Promise<void> {
  await trx.selectFrom('procedures').select('id').where('id', '=', procedureId).forUpdate().execute();
}

const columns = ['id', 'procedure_id as procedureId', 'number', 'definition'] as const;

export async function draftRevision(db: Q, procedureId: string): Promise<Revision | undefined> {
  return (await db
    .selectFrom('procedure_revisions')
    .select(columns)
    .where('procedure_id', '=', procedureId)
    .where('status', '=', 'draft')
    .executeTakeFirst()) as Revision | undefined;
}

/** Runs `work` in the caller's transaction, or in a new one. */
function inTransaction<T>(db: Q, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<DB>) : (db as Kysely<DB>).transaction().execute(work);
}

/**
 * Stores `definition` as the procedure's draft: a new draft revision numbered after every revision so far,
 * or the existing draft updated. The caller has checked the definition (parseDefinition).
 */
export async function saveDraft(db: Q, procedureId: string, definition: FormDefinition): Promise<Revision> {
  return inTransaction(db, async (trx) => {
    await lockProcedure(trx, procedureId);
    const draft = await draftRevision(trx, procedureId);
    if (draft) {
      await trx.updateTable('procedure_revisions').set({ definition: JSON.stringify(definition) }).where('id', '=', draft.id).execute();
      return { ...draft, definition };
    }
    const last = await trx
      .selectFrom('procedure_revisions')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('procedure_id', '=', procedureId)
      .executeTakeFirst();
    const id = newId();
    const number = Number(last?.n ?? 0) + 1;
    await trx.insertInto('procedure_revisions').values({ id, procedure_id: procedureId, number, status: 'draft', definition: JSON.stringify(definition) }).execute();
    return { id, procedureId, number, definition };
  });
}

/** Drops the draft; the published form, if any, is untouched. True when there was one. */
export async function discardDraft(db: Q, procedureId: string): Promise<boolean> {
  const result = await db.deleteFrom('procedure_revisions').where('procedure_id', '=', procedureId).where('status', '=', 'draft').executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Publishes the draft: the draft row goes first (so the published revision takes its number and no number
 * is skipped), then publishDefinition supersedes the published revision and inserts the new one, or keeps
 * the published one when the draft is the same form. Undefined when there is no draft.
 */
export async function publishDraft(trx: Transaction<DB>, procedureId: string): Promise<Revision | undefined> {
  await lockProcedure(trx, procedureId);
  const draft = await draftRevision(trx, procedureId);
  if (!draft) return undefined;
  await trx.deleteFrom('procedure_revisions').where('id', '=', draft.id).execute();
  return publishDefinition(trx, procedureId, draft.definition);
}

/** The fiche says the procedure is done online, and where. */
export async function putOnline(db: Q, procedureId: string, url: string): Promise<void> {
  await db.updateTable('procedures').set({ online_available: true, online_url: url, updated_at: new Date() }).where('id', '=', procedureId).execute();
}

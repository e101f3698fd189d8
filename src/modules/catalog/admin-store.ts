// SQL of the back office's fiche editing.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { bumpContentVersion } from '../../platform/http/page-cache.ts';
import { CATALOG_CONTENT } from './store.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** The administration and every service under it. */
function subtree(adminId: string) {
  return sql`(WITH RECURSIVE tree AS (
    SELECT id FROM administrations WHERE id = ${adminId}
    UNION ALL SELECT a.id FROM administrations a JOIN tree ON a.parent_id = tree.id)
    SELECT id FROM tree)`;
}

export async function listEditable(db: Q, opts: { country: string; locale: string; administrationId: string | null }) {
  const { rows } = await sql<{ id: string; slug: string; title: string; published: boolean; updatedAt: Date; administrationName: string }>`
    SELECT p.id, p.slug, coalesce(t.title, f.title) AS title, p.published, p.updated_at AS "updatedAt", a.name AS "administrationName"
    FROM procedures p
    JOIN administrations a ON a.id = p.administration_id
    JOIN procedure_texts f ON f.procedure_id = p.id AND f.locale = 'fr'
    LEFT JOIN procedure_texts t ON t.procedure_id = p.id AND t.locale = ${opts.locale}
    WHERE p.country = ${opts.country}
    ${opts.administrationId ? sql`AND p.administration_id IN ${subtree(opts.administrationId)}` : sql``}
    ORDER BY a.name, title`.execute(db);
  return rows;
}

export async function isWithin(db: Q, administrationId: string, ancestorId: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`SELECT ${administrationId} IN ${subtree(ancestorId)} AS ok`.execute(db);
  return rows[0]?.ok === true;
}

export function rawTexts(db: Q, procedureId: string, locale: string) {
  return db.selectFrom('procedure_texts').selectAll().where('procedure_id', '=', procedureId).where('locale', '=', locale).executeTakeFirst();
}

export async function updateProcedure(
  db: Q,
  id: string,
  values: { category: string; cost_xof: number | null; delay_days: number | null; online_available: boolean; online_url: string | null; published: boolean },
): Promise<void> {
  await db.updateTable('procedures').set({ ...values, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function saveAudio(db: Q, audio: { procedureId: string; locale: string; blobKey: string; mime: string; size: number }) {
  const values = { blob_key: audio.blobKey, mime: audio.mime, size: audio.size, uploaded_at: new Date() };
  const previous = await db
    .selectFrom('procedure_audio')
    .select('blob_key')
    .where('procedure_id', '=', audio.procedureId)
    .where('locale', '=', audio.locale)
    .executeTakeFirst();
  await db
    .insertInto('procedure_audio')
    .values({ procedure_id: audio.procedureId, locale: audio.locale, ...values })
    .onConflict((oc) => oc.columns(['procedure_id', 'locale']).doUpdateSet(values))
    .execute();
  await bumpContentVersion(db, CATALOG_CONTENT);
  return previous?.blob_key;
}

// SQL of the catalog. Texts are read in the asked language with French filling any gap, field by field.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ServicePointsTable } from '../../platform/db/schema.ts';
import { bumpContentVersion } from '../../platform/http/page-cache.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** The content-version counter of the catalog: bumped by every change citizens can see (see page-cache). */
export const CATALOG_CONTENT = 'catalog';

export interface ProcedureSummary {
  id: string;
  slug: string;
  country: string;
  category: string;
  title: string;
  summary: string;
  costXof: number | null;
  delayDays: number | null;
  onlineAvailable: boolean;
  onlineUrl: string | null;
  administrationCode: string;
  administrationName: string;
  popularity: number;
  updatedAt: Date;
}

export type ServicePoint = Omit<ServicePointsTable, 'id' | 'country' | 'administration_id'>;

export interface Fiche extends ProcedureSummary {
  /** The language the title is actually written in (French when the asked one is missing). */
  titleLocale: string;
  who: string | null;
  steps: string[];
  documents: string[];
  costNote: string | null;
  delay: string | null;
  legalBasis: string[];
  complaint: string | null;
  administrationId: string;
  administrationAcronym: string | null;
  published: boolean;
  servicePoints: ServicePoint[];
  audio: { locale: string; mime: string } | null;
}

/** Columns of a procedure with its texts in `locale`, falling back to French. Expects aliases p, t, f, a. */
export const summaryColumns = sql`
  p.id, p.slug, p.country, p.category, p.popularity,
  coalesce(t.title, f.title) AS title, coalesce(t.summary, f.summary) AS summary,
  p.cost_xof AS "costXof", p.delay_days AS "delayDays",
  p.online_available AS "onlineAvailable", p.online_url AS "onlineUrl",
  a.code AS "administrationCode", a.name AS "administrationName", p.updated_at AS "updatedAt"`;

export const procedureJoins = (locale: string) => sql`
  FROM procedures p
  JOIN administrations a ON a.id = p.administration_id
  JOIN procedure_texts f ON f.procedure_id = p.id AND f.locale = 'fr'
  LEFT JOIN procedure_texts t ON t.procedure_id = p.id AND t.locale = ${locale}`;

export interface ListFilter {
  country: string;
  locale: string;
  category?: string;
  administration?: string;
  /** Include unpublished fiches (back office only). */
  includeDrafts?: boolean;
  limit: number;
  offset: number;
}

export const filters = (f: Omit<ListFilter, 'limit' | 'offset' | 'locale'>) => sql`
  WHERE p.country = ${f.country}
  ${f.includeDrafts ? sql`` : sql`AND p.published`}
  ${f.category ? sql`AND p.category = ${f.category}` : sql``}
  ${f.administration ? sql`AND (a.code = ${f.administration} OR a.parent_id = (SELECT id FROM administrations WHERE code = ${f.administration}))` : sql``}`;

export async function listProcedures(db: Q, f: ListFilter): Promise<{ items: ProcedureSummary[]; total: number }> {
  const [items, count] = await Promise.all([
    sql<ProcedureSummary>`SELECT ${summaryColumns} ${procedureJoins(f.locale)} ${filters(f)}
      ORDER BY coalesce(t.title, f.title) COLLATE "C", p.id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n ${procedureJoins(f.locale)} ${filters(f)}`.execute(db),
  ]);
  return { items: items.rows, total: count.rows[0]!.n };
}

export async function mostRequested(db: Q, country: string, locale: string, limit: number): Promise<ProcedureSummary[]> {
  const { rows } = await sql<ProcedureSummary>`SELECT ${summaryColumns} ${procedureJoins(locale)}
    WHERE p.country = ${country} AND p.published ORDER BY p.popularity DESC, p.slug LIMIT ${limit}`.execute(db);
  return rows;
}

export async function categoryCounts(db: Q, country: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('procedures')
    .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('country', '=', country)
    .where('published', '=', true)
    .groupBy('category')
    .execute();
  return new Map(rows.map((r) => [r.category, Number(r.n)]));
}

export async function findFiche(
  db: Q,
  where: { country: string; slug: string } | { id: string },
  locale: string,
): Promise<Fiche | undefined> {
  const condition = 'id' in where ? sql`p.id = ${where.id}` : sql`p.country = ${where.country} AND p.slug = ${where.slug}`;
  const pick = (col: string) => sql.raw(`coalesce(t.${col}, f.${col})`);
  const list = (col: string) => sql.raw(`CASE WHEN jsonb_array_length(coalesce(t.${col}, '[]')) > 0 THEN t.${col} ELSE f.${col} END`);
  // One round trip: on the embedded database every query waits its turn, so the fiche comes whole.
  const { rows } = await sql<Fiche>`
    SELECT ${summaryColumns},
      CASE WHEN t.title IS NOT NULL THEN ${locale} ELSE 'fr' END AS "titleLocale",
      ${pick('who')} AS who, ${list('steps')} AS steps, ${list('documents')} AS documents,
      ${pick('cost_note')} AS "costNote", ${pick('delay')} AS delay, ${list('legal_basis')} AS "legalBasis",
      ${pick('complaint')} AS complaint, p.published, a.id AS "administrationId", a.acronym AS "administrationAcronym",
      coalesce((
        SELECT json_agg(json_build_object('code', s.code, 'name', s.name, 'address', s.address, 'city', s.city,
          'hours', s.hours, 'phone', s.phone, 'latitude', s.latitude, 'longitude', s.longitude) ORDER BY s.city, s.name)
        FROM procedure_service_points ps JOIN service_points s ON s.id = ps.service_point_id
        WHERE ps.procedure_id = p.id), '[]') AS "servicePoints",
      (SELECT json_build_object('locale', au.locale, 'mime', au.mime) FROM procedure_audio au
        WHERE au.procedure_id = p.id AND au.locale IN (${locale}, 'fr')
        ORDER BY au.locale = ${locale} DESC LIMIT 1) AS audio
    ${procedureJoins(locale)} WHERE ${condition}`.execute(db);
  return rows[0];
}

/**
 * After any change of fiches: pages kept ready by every instance expire, and the vocabulary that search
 * corrects typos against (every word of every fiche, unaccented) is rebuilt.
 */
export async function catalogChanged(db: Q): Promise<void> {
  await bumpContentVersion(db, CATALOG_CONTENT);
  await sql`DELETE FROM search_words`.execute(db);
  await sql`
    INSERT INTO search_words (word)
    SELECT word FROM ts_stat($$SELECT to_tsvector('guichet_simple',
      coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(who, '') || ' ' || documents::text)
      FROM procedure_texts$$)
    WHERE length(word) >= 3 AND word ~ '^[a-z]+$'
    ON CONFLICT DO NOTHING`.execute(db);
}

export function findAudio(db: Q, country: string, slug: string, locale: string) {
  return db
    .selectFrom('procedure_audio as au')
    .innerJoin('procedures as p', 'p.id', 'au.procedure_id')
    .select(['au.blob_key', 'au.mime', 'au.size', 'au.locale'])
    .where('p.country', '=', country)
    .where('p.slug', '=', slug)
    .where('au.locale', '=', locale)
    .executeTakeFirst();
}

// Full-text search of the fiches, tolerant of missing accents and of typos ("casie judiciare" finds
// "casier judiciaire"). Each word the fiches do not contain is replaced by the closest word they do contain
// (trigram similarity), then PostgreSQL's full-text search ranks the fiches, all words first, any word if
// that finds nothing. Every language's texts are searched, each with its own stemming.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { filters, procedureJoins, summaryColumns, type ProcedureSummary } from './store.ts';

export const MAX_QUERY_LENGTH = 200;
const MAX_WORDS = 10;
const MIN_SIMILARITY = 0.4;

/** Markers around highlighted words; views turn them into <mark> after escaping everything else. */
export const HL_START = '\u0001';
export const HL_END = '\u0002';
const HEADLINE_OPTIONS = `StartSel=${HL_START}, StopSel=${HL_END}, HighlightAll=true`;

export interface SearchHit extends ProcedureSummary {
  titleHighlighted: string;
  summaryHighlighted: string;
}

export interface SearchResult {
  /** The words actually searched for, after correction (shown as "results for …" when they differ). */
  corrected: string;
  hits: SearchHit[];
  total: number;
}

/** Letters and digits of any script, lowercased; everything else (SQL, markup, emoji) separates words. */
export function queryWords(q: string): string[] {
  return q
    .slice(0, MAX_QUERY_LENGTH)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2)
    .slice(0, MAX_WORDS);
}

export interface SearchOptions {
  q: string;
  country: string;
  locale: string;
  category?: string;
  administration?: string;
  limit: number;
  offset: number;
}

export async function searchProcedures(db: Kysely<DB>, opts: SearchOptions): Promise<SearchResult> {
  const words = queryWords(opts.q);
  if (words.length === 0) return { corrected: '', hits: [], total: 0 };
  const corrected = await correctWords(db, words);
  const all = await runSearch(db, corrected, opts, '&');
  if (all.total > 0 || corrected.length === 1) return { corrected: corrected.join(' '), ...all };
  return { corrected: corrected.join(' '), ...(await runSearch(db, corrected, opts, '|')) };
}

async function correctWords(db: Kysely<DB>, words: string[]): Promise<string[]> {
  const { rows } = await sql<{ word: string }>`
    SELECT coalesce(
      (SELECT word FROM search_words WHERE word = w.u),
      CASE WHEN length(w.u) >= 4 THEN
        (SELECT word FROM search_words WHERE word % w.u AND similarity(word, w.u) >= ${MIN_SIMILARITY}
         ORDER BY similarity(word, w.u) DESC, word LIMIT 1) END,
      w.u) AS word
    FROM (SELECT unaccent(x) AS u, n FROM unnest(${words}::text[]) WITH ORDINALITY AS q(x, n)) w
    ORDER BY w.n`.execute(db);
  return rows.map((r) => r.word);
}

async function runSearch(
  db: Kysely<DB>,
  words: string[],
  opts: SearchOptions,
  operator: '&' | '|',
): Promise<{ hits: SearchHit[]; total: number }> {
  const text = words.join(' ');
  // One query per stemming configuration; a fiche's text in a language is matched with that language's.
  const tsq = (cfg: string) =>
    operator === '&'
      ? sql`plainto_tsquery(${cfg}::regconfig, ${text})`
      : sql`replace(plainto_tsquery(${cfg}::regconfig, ${text})::text, '&', '|')::tsquery`;
  const { rows } = await sql<SearchHit & { total: number }>`
    WITH q AS (SELECT ${tsq('guichet_fr')} AS fr, ${tsq('guichet_en')} AS en, ${tsq('guichet_simple')} AS other),
    matched AS (
      -- Normalisation 32 maps rank into [0, 1): a match in the title saturates, so long fiches that repeat
      -- a word do not bury the short fiche whose title is exactly what was asked.
      SELECT x.procedure_id, max(ts_rank(x.search, CASE x.locale WHEN 'fr' THEN q.fr WHEN 'en' THEN q.en ELSE q.other END, 32)) AS rank
      FROM procedure_texts x, q
      WHERE (x.locale = 'fr' AND x.search @@ q.fr)
         OR (x.locale = 'en' AND x.search @@ q.en)
         OR (x.locale NOT IN ('fr', 'en') AND x.search @@ q.other)
      GROUP BY x.procedure_id)
    SELECT ${summaryColumns},
      ts_headline('guichet_simple', coalesce(t.title, f.title), hl.query, ${HEADLINE_OPTIONS}) AS "titleHighlighted",
      ts_headline('guichet_simple', coalesce(t.summary, f.summary), hl.query, ${HEADLINE_OPTIONS}) AS "summaryHighlighted",
      count(*) OVER ()::int AS total
    ${procedureJoins(opts.locale)}
    JOIN matched m ON m.procedure_id = p.id
    CROSS JOIN (SELECT ${highlightQuery(words)} AS query) hl
    ${filters(opts)}
    -- Among equally relevant fiches, the ones citizens ask for most come first.
    ORDER BY m.rank * (1 + p.popularity / 100.0) DESC, p.slug
    LIMIT ${opts.limit} OFFSET ${opts.offset}`.execute(db);
  return { hits: rows, total: rows[0]?.total ?? 0 };
}

/**
 * Highlighting marks the searched words and words that start with their stem ("naissance" marks
 * "naissances"), whatever the language of the text shown.
 */
function highlightQuery(words: string[]) {
  const stems = words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, '').slice(0, Math.max(4, w.length - 2)));
  return sql`to_tsquery('guichet_simple', ${stems.map((s) => `${s}:*`).join(' | ')})`;
}

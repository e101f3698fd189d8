// The inbox's columns as each agent arranges them, and the columns the inbox can sort by. A column is a
// fact of the dossier (`reference`, `due`…) or, when the inbox is filtered on one procedure, one of that
// procedure's questions (`r.<field>`). The choice is kept per agent in agent_preferences.inbox_columns
// (migration 0015): one list for the inbox at large and one per procedure, since questions exist only there.
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** Where the "Colonnes" panel posts the agent's choice. */
export const COLUMNS_PATH = '/agent/colonnes';

export const FACT_COLUMNS = ['reference', 'procedure', 'applicant', 'submitted', 'due', 'status', 'team', 'labels', 'updated'] as const;
export type FactColumn = (typeof FACT_COLUMNS)[number];

/** What the inbox showed before agents could choose: the default. */
export const DEFAULT_COLUMNS: readonly FactColumn[] = ['reference', 'procedure', 'applicant', 'submitted', 'status', 'team', 'due', 'labels'];

/** More questions than this would squeeze the table past a laptop's width. */
export const MAX_ANSWER_COLUMNS = 3;

/**
 * The sort keys: only those an index serves for every tab of every scope (migrations 0004 and 0015), so a
 * page costs the same with a million dossiers. `param` is the word in the address; `first` the direction a
 * click on a new column starts with (the oldest submission, the nearest deadline, the latest change).
 */
export const SORTS = {
  submitted: { param: 'depot', first: 'asc' },
  due: { param: 'echeance', first: 'asc' },
  updated: { param: 'maj', first: 'desc' },
} as const satisfies Record<string, { param: string; first: 'asc' | 'desc' }>;
export type SortKey = keyof typeof SORTS;
export type Direction = 'asc' | 'desc';
export const DEFAULT_SORT: SortKey = 'submitted';

/** The column a sort key belongs to (they share their names). */
export const sortOfColumn = (column: string): SortKey | undefined => (column in SORTS ? (column as SortKey) : undefined);

export function sortFromParam(param: string | undefined): SortKey {
  const found = (Object.keys(SORTS) as SortKey[]).find((k) => SORTS[k].param === param);
  return found ?? DEFAULT_SORT;
}

/** A question of the procedure the inbox is filtered on, offered as a column. */
export interface AnswerColumnChoice {
  id: string;
  label: string;
}

export type InboxColumn = { kind: 'fact'; id: FactColumn } | { kind: 'answer'; id: string; field: string; label: string };

/** As stored: the list for the inbox at large, and one per procedure. Anything else in the JSON is ignored. */
export interface ColumnsPreference {
  general?: string[];
  procedures?: Record<string, string[]>;
}

const answerId = (field: string) => `r.${field}`;
const isFact = (id: string): id is FactColumn => (FACT_COLUMNS as readonly string[]).includes(id);

/**
 * The columns to draw, in order: the agent's list for this view (this procedure's, else the general one),
 * with unknown ids dropped (a question removed from the form since), the reference always there (it is
 * the link to the dossier), and the default when nothing usable is left.
 */
export function resolveColumns(pref: ColumnsPreference, procedureId: string | undefined, answers: AnswerColumnChoice[]): InboxColumn[] {
  const stored = (procedureId && pref.procedures?.[procedureId]) || pref.general;
  const ids = stored && stored.length > 0 ? stored : DEFAULT_COLUMNS;
  const byId = new Map(answers.map((a) => [answerId(a.id), a]));
  const columns: InboxColumn[] = [];
  const seen = new Set<string>();
  let answerCount = 0;
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    if (isFact(id)) columns.push({ kind: 'fact', id });
    else if (byId.has(id) && answerCount < MAX_ANSWER_COLUMNS) {
      answerCount++;
      const a = byId.get(id)!;
      columns.push({ kind: 'answer', id, field: a.id, label: a.label });
    }
  }
  if (!columns.some((c) => c.id === 'reference')) columns.unshift({ kind: 'fact', id: 'reference' });
  return columns;
}

export type ColumnsFormResult = { ok: true; ids: string[] } | { ok: false; error: 'answers' };

/**
 * The posted form: `col` is every ticked column, `rang.<id>` the place chosen for it (1, 2…) and `avant.<id>`
 * the place it had when the form was drawn. Two columns given the same place: the one the agent moved there
 * goes first (put « Délai » at 1, it becomes the first column), then the one that was there before. Ids
 * that are not offered are ignored (only a forged form holds them); a missing place counts as the last.
 */
export function readColumnsForm(body: unknown, answers: AnswerColumnChoice[]): ColumnsFormResult {
  const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const ticked = new Set((Array.isArray(form.col) ? form.col : [form.col]).filter((v): v is string => typeof v === 'string'));
  const offered = [...FACT_COLUMNS, ...answers.map((a) => answerId(a.id))];
  const place = (name: string) => {
    const n = Number(form[name]);
    return Number.isInteger(n) && n > 0 ? n : Number.MAX_SAFE_INTEGER;
  };
  const chosen = offered
    .map((id, position) => {
      const rank = place(`rang.${id}`);
      const before = place(`avant.${id}`);
      return { id, rank, moved: rank !== before ? 0 : 1, before: before === Number.MAX_SAFE_INTEGER ? position : before };
    })
    .filter((c) => ticked.has(c.id) || c.id === 'reference');
  if (chosen.filter((c) => !isFact(c.id)).length > MAX_ANSWER_COLUMNS) return { ok: false, error: 'answers' };
  chosen.sort((a, b) => a.rank - b.rank || a.moved - b.moved || a.before - b.before);
  return { ok: true, ids: chosen.map((c) => c.id) };
}

/** The stored choice, or an empty one when there is none or it is not of the expected shape. */
export async function columnsPreference(db: Kysely<DB>, userId: string): Promise<ColumnsPreference> {
  const row = await db.selectFrom('agent_preferences').select('inbox_columns').where('user_id', '=', userId).executeTakeFirst();
  return readPreference(row?.inbox_columns);
}

export function readPreference(value: unknown): ColumnsPreference {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 50) : undefined);
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const pref: ColumnsPreference = {};
  const general = list(v.general);
  if (general) pref.general = general;
  if (typeof v.procedures === 'object' && v.procedures !== null) {
    pref.procedures = {};
    for (const [id, ids] of Object.entries(v.procedures as Record<string, unknown>)) {
      const l = list(ids);
      if (l) pref.procedures[id] = l;
    }
  }
  return pref;
}

/** Keeps `ids` as the list for this procedure (or the general one); `undefined` goes back to the default. */
export async function saveColumns(db: Kysely<DB>, userId: string, procedureId: string | undefined, ids: string[] | undefined): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('agent_preferences').select('inbox_columns').where('user_id', '=', userId).forUpdate().executeTakeFirst();
    const pref = readPreference(row?.inbox_columns);
    if (procedureId) {
      const procedures = { ...pref.procedures };
      if (ids) procedures[procedureId] = ids;
      else delete procedures[procedureId];
      pref.procedures = procedures;
    } else if (ids) pref.general = ids;
    else delete pref.general;
    const json = JSON.stringify(pref);
    await trx
      .insertInto('agent_preferences')
      .values({ user_id: userId, inbox_columns: json })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ inbox_columns: json }))
      .execute();
  });
}

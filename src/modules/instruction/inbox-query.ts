// The inbox's address as an agent shares or bookmarks it (/agent?onglet=closed&q=Moussa&apres=…), read into
// a query. Anything unreadable is ignored rather than refused: a stale bookmark still opens an inbox.
import { DOSSIER_STATUSES, type DossierStatus } from '../../platform/db/schema.ts';
import { TABS, type Cursor, type InboxFilters, type Tab } from './store.ts';
import { DEFAULT_SORT, SORTS, sortFromParam, type Direction, type SortKey } from './inbox-columns.ts';
import { ULID as ID } from '../../platform/db/ids.ts';

const PAGE_SIZES = [1, 10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FIELD_ID = /^[a-z][a-z0-9_]{0,63}$/;

export interface InboxParams {
  tab: Tab;
  filters: InboxFilters;
  sort: SortKey;
  order: Direction;
  after?: Cursor;
  pageSize: number;
  /** The filters as they were typed, to fill the form again and build links. */
  raw: Record<string, string>;
}

const text = (v: unknown, max = 200) => (typeof v === 'string' ? v.replace(/\0/g, '').trim().slice(0, max) : '');

export function readInboxParams(query: Record<string, unknown>): InboxParams {
  const raw: Record<string, string> = {};
  for (const key of ['statut', 'demarche', 'equipe', 'du', 'au', 'q', 'champ', 'valeur', 'tri', 'ordre', 'par', 'etiquette']) {
    const value = text(query[key]);
    if (value) raw[key] = value;
  }
  const tab = (TABS as readonly string[]).includes(text(query.onglet)) ? (text(query.onglet) as Tab) : 'to_process';
  const filters: InboxFilters = {};
  if ((DOSSIER_STATUSES as readonly string[]).includes(raw.statut ?? '') && raw.statut !== 'draft') filters.status = raw.statut as DossierStatus;
  if (ID.test(raw.demarche ?? '')) filters.procedureId = raw.demarche;
  if (ID.test(raw.equipe ?? '')) filters.teamId = raw.equipe;
  if (DAY.test(raw.du ?? '')) filters.from = new Date(`${raw.du}T00:00:00Z`);
  if (DAY.test(raw.au ?? '')) filters.to = new Date(new Date(`${raw.au}T00:00:00Z`).getTime() + 86_400_000);
  if (raw.q) filters.text = raw.q;
  if (ID.test(raw.etiquette ?? '')) filters.labelId = raw.etiquette;
  if (FIELD_ID.test(raw.champ ?? '') && raw.valeur) filters.answer = { field: raw.champ!, value: raw.valeur };
  // An unknown sort word is the default sort. Each key starts in its own useful direction (the oldest
  // submission, the nearest deadline, the latest change); `ordre` turns it (`recent` is the older word for
  // the newest submissions first, kept for bookmarks).
  const sort = sortFromParam(raw.tri);
  const turned = raw.ordre === 'inverse' || (raw.ordre === 'recent' && sort === 'submitted');
  const first = SORTS[sort].first;
  const order: Direction = turned ? (first === 'asc' ? 'desc' : 'asc') : first;
  const pageSize = PAGE_SIZES.includes(Number(raw.par)) ? Number(raw.par) : DEFAULT_PAGE_SIZE;
  return { tab, filters, sort, order, after: readCursor(text(query.apres, 200), sort), pageSize, raw };
}

/** The `ordre` word that gives this direction for this sort key (none for its first direction). */
export function orderParam(sort: SortKey, order: Direction): string | undefined {
  return order === SORTS[sort].first ? undefined : 'inverse';
}

/** The cursor names its sort key, so that a page link of one sort never drives another. */
export function writeCursor(sort: SortKey, c: Cursor): string {
  return Buffer.from(`${sort}|${c.key}|${c.id}`).toString('base64url');
}

const KEY = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function readCursor(value: string, sort: SortKey): Cursor | undefined {
  if (!value) return undefined;
  const [name, key, id] = Buffer.from(value, 'base64url').toString().split('|');
  if (name !== sort || !key || !KEY.test(key) || !id || !ID.test(id)) return undefined;
  // The database would refuse 2026-02-31: check the date exists (a date past it means it rolled over).
  const ms = `${key.slice(0, 23)}Z`;
  const date = new Date(ms);
  return !Number.isNaN(date.getTime()) && date.toISOString() === ms ? { key, id } : undefined;
}

/** The inbox address for these parameters, with some changed (another tab, the next page…). */
export function inboxHref(raw: Record<string, string>, change: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...raw, ...change })) if (v) params.set(k, v);
  const qs = params.toString();
  return qs ? `/agent?${qs}` : '/agent';
}

/** The inbox address sorted by this key: a new key starts in its first direction, the current one turns. */
export function sortHref(at: { raw: Record<string, string>; tab: Tab; sort: SortKey; order: Direction }, sort: SortKey): string {
  const order: Direction = sort !== at.sort ? SORTS[sort].first : at.order === 'asc' ? 'desc' : 'asc';
  return inboxHref(at.raw, { onglet: at.tab, tri: sort === DEFAULT_SORT ? undefined : SORTS[sort].param, ordre: orderParam(sort, order), apres: undefined });
}

// The inbox's address as an agent shares or bookmarks it (/agent?onglet=closed&q=Moussa&apres=…), read into
// a query. Anything unreadable is ignored rather than refused: a stale bookmark still opens an inbox.
import { DOSSIER_STATUSES, type DossierStatus } from '../../platform/db/schema.ts';
import { TABS, type Cursor, type InboxFilters, type Tab } from './store.ts';

const PAGE_SIZES = [1, 10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 50;
const ID = /^[0-9A-Z]{26}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FIELD_ID = /^[a-z][a-z0-9_]{0,63}$/;

export interface InboxParams {
  tab: Tab;
  filters: InboxFilters;
  order: 'asc' | 'desc';
  after?: Cursor;
  pageSize: number;
  /** The filters as they were typed, to fill the form again and build links. */
  raw: Record<string, string>;
}

const text = (v: unknown, max = 200) => (typeof v === 'string' ? v.replace(/\0/g, '').trim().slice(0, max) : '');

export function readInboxParams(query: Record<string, unknown>): InboxParams {
  const raw: Record<string, string> = {};
  for (const key of ['statut', 'demarche', 'equipe', 'du', 'au', 'q', 'champ', 'valeur', 'ordre', 'par', 'etiquette']) {
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
  // The oldest first by default: dossiers are processed in the order they came, and the oldest are the late ones.
  const order = raw.ordre === 'recent' ? 'desc' : 'asc';
  const pageSize = PAGE_SIZES.includes(Number(raw.par)) ? Number(raw.par) : DEFAULT_PAGE_SIZE;
  return { tab, filters, order, after: readCursor(text(query.apres, 100)), pageSize, raw };
}

export function writeCursor(c: Cursor): string {
  return Buffer.from(`${c.at.toISOString()}|${c.id}`).toString('base64url');
}

function readCursor(value: string): Cursor | undefined {
  if (!value) return undefined;
  const [at, id] = Buffer.from(value, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  return id && ID.test(id) && !Number.isNaN(date.getTime()) ? { at: date, id } : undefined;
}

/** The inbox address for these parameters, with some changed (another tab, the next page…). */
export function inboxHref(raw: Record<string, string>, change: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...raw, ...change })) if (v) params.set(k, v);
  const qs = params.toString();
  return qs ? `/agent?${qs}` : '/agent';
}

// Rules of fiche editing in the back office: who may edit which fiche, and what a valid edit is.
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { formField } from '../../platform/http/form.ts';
import { CATEGORIES, WEB_LINK, type Category, type FicheContent } from './pack-schema.ts';
import { saveTexts } from './import.ts';
import { catalogChanged } from './store.ts';
import * as adminStore from './admin-store.ts';

export function isStaff(user: SessionUser | null): boolean {
  return user?.role === 'manager' || user?.role === 'operator';
}

/** Operators edit every fiche; a manager edits the fiches of his administration and the services under it. */
export async function canEdit(db: Kysely<DB>, user: SessionUser, procedureAdministrationId: string): Promise<boolean> {
  if (user.role === 'operator') return true;
  if (user.role !== 'manager' || !user.administrationId) return false;
  return adminStore.isWithin(db, procedureAdministrationId, user.administrationId);
}

export interface FicheEdit {
  category: Category;
  costXof: number | null;
  delayDays: number | null;
  onlineAvailable: boolean;
  onlineUrl: string | null;
  published: boolean;
  texts: Partial<FicheContent>;
}

export type EditErrors = { field: string; key: MessageKey }[];

const LIST_MAX_LINES = 40;

/** Reads the edit form; returns the edit and the problems found (an edit with problems is never saved). */
export function parseEdit(body: unknown, locale: string): { edit: FicheEdit; errors: EditErrors } {
  const errors: EditErrors = [];
  const text = (name: string, max: number) => {
    const value = formField(body, name, max + 1).trim();
    if (value.length > max) errors.push({ field: name, key: 'admin.error.toolong' });
    return value || undefined;
  };
  const lines = (name: string) => {
    const values = formField(body, name, 20_000).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (values.length > LIST_MAX_LINES || values.some((l) => l.length > 500)) errors.push({ field: name, key: 'admin.error.toolong' });
    return values;
  };
  const whole = (name: string, max: number) => {
    const raw = formField(body, name, 30).replace(/[\s\u00a0]/g, '');
    if (raw === '') return null;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n > max) {
      errors.push({ field: name, key: 'admin.error.number' });
      return null;
    }
    return n;
  };
  const category = formField(body, 'category', 40);
  if (!(CATEGORIES as readonly string[]).includes(category)) errors.push({ field: 'category', key: 'admin.error.category' });
  const onlineUrl = text('onlineUrl', 500) ?? null;
  if (onlineUrl && !WEB_LINK.test(onlineUrl)) errors.push({ field: 'onlineUrl', key: 'admin.error.url' });
  const texts: Partial<FicheContent> = {
    title: text('title', 200),
    summary: text('summary', 600),
    who: text('who', 2000),
    steps: lines('steps'),
    documents: lines('documents'),
    cost_note: text('cost_note', 500),
    delay: text('delay', 500),
    legal_basis: lines('legal_basis'),
    complaint: text('complaint', 2000),
  };
  // French is the reference: a fiche always has a French title and summary.
  if (locale === 'fr' && !texts.title) errors.push({ field: 'title', key: 'admin.error.required' });
  if (locale === 'fr' && !texts.summary) errors.push({ field: 'summary', key: 'admin.error.required' });
  return {
    edit: {
      category: category as Category,
      costXof: whole('cost', 100_000_000),
      delayDays: whole('delayDays', 3650),
      onlineAvailable: formField(body, 'onlineAvailable') === 'on',
      onlineUrl,
      published: formField(body, 'published') === 'on',
      texts,
    },
    errors,
  };
}

export async function saveEdit(db: Kysely<DB>, procedureId: string, locale: string, edit: FicheEdit): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await adminStore.updateProcedure(trx, procedureId, {
      category: edit.category,
      cost_xof: edit.costXof,
      delay_days: edit.delayDays,
      online_available: edit.onlineAvailable,
      online_url: edit.onlineUrl,
      published: edit.published,
    });
    await saveTexts(trx, procedureId, locale, edit.texts);
  });
  await catalogChanged(db);
}

// The export form as posted, read defensively (strings only, bounded) and checked for what does not need the
// database: a format, dates, a status. Whether the procedure and the columns are the agent's to choose is
// the service's question.
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { DOSSIER_STATUSES, type DossierStatus, type ExportFormat } from '../../../platform/db/schema.ts';
import { formField } from '../../../platform/http/form.ts';
import { exportSettings } from './settings.ts';
import type { ExportFilters } from './store.ts';

export const FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];
export { ULID as ID } from '../../../platform/db/ids.ts';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ExportForm {
  action: 'export' | 'save';
  procedureId: string;
  columns: string[];
  format: string;
  status: string;
  from: string;
  to: string;
  /** The name to save the column choice under. */
  setName: string;
}

/** A problem with one field of the form: the field's name (for the summary's link) and the message's key. */
export interface InputError {
  field: 'demarche' | 'colonnes' | 'format' | 'statut' | 'du' | 'au' | 'nom';
  key: MessageKey;
  params?: Record<string, string | number>;
}

export function readExportForm(body: unknown): ExportForm {
  const raw = (body as Record<string, unknown> | null | undefined)?.colonnes;
  const list = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  return {
    action: formField(body, 'action', 20) === 'enregistrer' ? 'save' : 'export',
    procedureId: formField(body, 'demarche', 40).trim(),
    // One more than allowed is kept, so that too many columns is seen and refused rather than cut short.
    columns: [...new Set(list.slice(0, exportSettings.maxColumns + 1).map((v) => v.slice(0, 150)))],
    format: formField(body, 'format', 10),
    status: formField(body, 'statut', 20),
    from: formField(body, 'du', 10),
    to: formField(body, 'au', 10),
    setName: formField(body, 'nom', 200).trim(),
  };
}

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A day as YYYY-MM-DD, from what a date input sends, or from 27/03/2026 typed where the browser shows a
 * plain text box instead; undefined when it is no real day (31/02).
 */
export function readDay(value: string): string | undefined {
  const m = DMY.exec(value);
  const day = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : value;
  if (!DAY.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) ? day : undefined;
}

/** The filters of the form, or what is wrong with them. */
export function readFilters(form: ExportForm): { filters: ExportFilters; errors: InputError[] } {
  const errors: InputError[] = [];
  const filters: ExportFilters = {};
  if (form.status) {
    if ((DOSSIER_STATUSES as readonly string[]).includes(form.status) && form.status !== 'draft') filters.status = form.status as DossierStatus;
    else errors.push({ field: 'statut', key: 'instruction.export.error.status' });
  }
  for (const [field, value] of [['du', form.from], ['au', form.to]] as const) {
    if (!value) continue;
    const day = readDay(value);
    if (day) filters[field === 'du' ? 'from' : 'to'] = day;
    else errors.push({ field, key: 'instruction.export.error.date' });
  }
  if (filters.from && filters.to && filters.from > filters.to) errors.push({ field: 'au', key: 'instruction.export.error.dates' });
  return { filters, errors };
}

export function readFormat(form: ExportForm): { format?: ExportFormat; errors: InputError[] } {
  const format = FORMATS.find((f) => f === form.format);
  return format ? { format, errors: [] } : { errors: [{ field: 'format', key: 'instruction.export.error.format' }] };
}

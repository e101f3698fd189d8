// What goes into each cell of an export: answers written for people (option labels, territory names, file
// names, "Oui"/"Non"), numbers kept as numbers and moments as dates, so a spreadsheet can sort and sum them.
// Plain values only: the CSV and XLSX writers decide how each kind is written.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { I18n, MessageKey } from '../../../platform/i18n/index.ts';
import type { DossierStatus } from '../../../platform/db/schema.ts';
import { textIn, type Country, type InputField, type Locale, type Option, type TerritoryValue } from '../../forms/index.ts';
import type { Column, Fact } from './columns.ts';

/**
 * A date shown as its reader's wall clock: `at` holds the local date and time *as if* they were UTC, so
 * that neither writer needs the time zone again (XLSX dates have no zone; a CSV cell is just text).
 */
export type WallClock = { at: Date; time: boolean };
export type Cell = string | number | WallClock | null;

export interface ExportRow {
  id: string;
  reference: string;
  status: DossierStatus;
  submittedAt: Date;
  decidedAt: Date | null;
  dueAt: Date | null;
  teamName: string | null;
  applicantName: string | null;
  applicantPhone: string | null;
  applicantEmail: string | null;
  answers: Record<string, unknown>;
}

export interface CellContext {
  i18n: I18n;
  /** The country the service runs in: the default of territory questions. */
  country: Country;
  /** Names of a territory's codes (the territories module's lists). */
  territoryNames: (country: Country, value: TerritoryValue) => { region?: string; department?: string; commune?: string };
}

/** Items of a repeated block share one cell, in order. */
const ITEM_SEPARATOR = ' | ';

export function cellOf(column: Column, row: ExportRow, ctx: CellContext): Cell {
  if (column.kind === 'fact') return factCell(column.fact, row, ctx);
  if (!column.block) return answerCell(column.field, row.answers[column.field.id], ctx);
  const items = row.answers[column.block.id];
  if (!Array.isArray(items)) return null;
  const texts = items.map((item) => (isRecord(item) ? cellText(answerCell(column.field, item[column.field.id], ctx), ctx.i18n.locale) : ''));
  return texts.some((x) => x !== '') ? texts.join(ITEM_SEPARATOR) : null;
}

function factCell(fact: Fact, row: ExportRow, ctx: CellContext): Cell {
  const zone = ctx.i18n.timeZone;
  switch (fact) {
    case 'reference':
      return row.reference;
    case 'status':
      return ctx.i18n.t(`dossiers.status.${row.status}` as MessageKey);
    case 'submitted_at':
      return wallClock(row.submittedAt, zone);
    case 'decided_at':
      return row.decidedAt && wallClock(row.decidedAt, zone);
    case 'due_at':
      return row.dueAt && wallClock(row.dueAt, zone);
    case 'team':
      return row.teamName;
    case 'applicant_name':
      return row.applicantName;
    case 'applicant_phone':
      return row.applicantPhone && phone(row.applicantPhone);
    case 'applicant_email':
      return row.applicantEmail;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const joined = (parts: unknown[]) => parts.filter((x): x is string => typeof x === 'string' && x !== '').join(', ') || null;
const phone = (value: string) => parsePhoneNumberFromString(value)?.formatInternational() ?? value;
const label = (options: Option[], value: unknown, locale: Locale) => {
  const found = options.find((o) => o.value === value);
  return found ? textIn(found.label, locale) : String(value);
};

/** One stored answer as a cell; null when there is none or it is not of the expected shape. */
export function answerCell(field: InputField, value: unknown, ctx: CellContext): Cell {
  const { t } = ctx.i18n;
  const locale = ctx.i18n.locale as Locale;
  if (value === undefined || value === null) return null;
  switch (field.type) {
    case 'checkbox':
    case 'yesno':
      return typeof value === 'boolean' ? t(value ? 'forms.yes' : 'forms.no') : null;
    case 'integer':
    case 'decimal':
    case 'amount':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'date': {
      const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
      return m ? { at: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))), time: false } : str(value);
    }
    case 'datetime': {
      const instant = typeof value === 'string' ? Date.parse(value) : NaN;
      return Number.isNaN(instant) ? null : wallClock(new Date(instant), ctx.i18n.timeZone);
    }
    case 'phone':
      return typeof value === 'string' && value !== '' ? phone(value) : null;
    case 'choice':
      return typeof value === 'string' && value !== '' ? label(field.options, value, locale) : null;
    case 'multichoice':
      return Array.isArray(value) ? joined(value.map((v) => label(field.options, v, locale))) : null;
    case 'territory': {
      if (!isRecord(value) || typeof value.region !== 'string') return null;
      const place = value as unknown as TerritoryValue;
      const names = ctx.territoryNames(field.country ?? ctx.country, place);
      // A code missing from the lists (renamed since) is shown as stored rather than dropped.
      return joined([names.commune ?? place.commune, names.department ?? place.department, names.region ?? place.region]);
    }
    case 'address':
      return isRecord(value) ? joined([value.line, value.commune, value.city]) : null;
    case 'geo':
      return isRecord(value) && typeof value.lat === 'number' && typeof value.lon === 'number' ? `${value.lat}, ${value.lon}` : null;
    case 'attachment':
      return isRecord(value) ? str(value.name) : null;
    case 'identityDocument': {
      if (!isRecord(value)) return null;
      const kind = ['cni', 'passport', 'consular', 'other'].includes(String(value.kind)) ? t(`forms.idkind.${value.kind as 'cni'}`) : '';
      const file = isRecord(value.file) && typeof value.file.name === 'string' ? `(${value.file.name})` : '';
      return [kind, str(value.number) ?? '', file].filter(Boolean).join(' ') || null;
    }
    default:
      return typeof value === 'string' ? str(value) : typeof value === 'number' ? value : null;
  }
}

// Intl formatters are costly to build: one per zone.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The instant as the wall clock of `timeZone` shows it (see WallClock). */
export function wallClock(instant: Date, timeZone: string): WallClock {
  let fmt = zoneFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    zoneFormats.set(timeZone, fmt);
  }
  const part = Object.fromEntries(fmt.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return { at: new Date(Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!)), time: true };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as text, as French readers write it: 27/03/2026 14:05, 12,5. */
export function cellText(cell: Cell, locale: string): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return locale === 'en' ? String(cell) : String(cell).replace('.', ',');
  const d = cell.at;
  const day = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return cell.time ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

// Dates and date-times. A date is a calendar day (`YYYY-MM-DD`), judged "past" or "future" against today
// in the service's time zone, not the server's. A date-time is an instant, stored in UTC like every time of
// the platform (`YYYY-MM-DDTHH:MM:00Z`), typed and shown in the service's zone.
import { fail, none, ok, str, type FieldContext, type Validator } from './field-kit.ts';
import type { DateField, DateTimeField } from './types.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function daysIn(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `YYYY-MM-DD` (what `<input type=date>` sends) or `DD/MM/YYYY` (how people write dates here); a real day. */
export function parseDate(s: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const written = iso ? null : /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!iso && !written) return null;
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]].map(Number) : [written![3], written![2], written![1]].map(Number);
  if (y! < 1000 || m! < 1 || m! > 12 || d! < 1 || d! > daysIn(y!, m!)) return null;
  return `${pad(y!, 4)}-${pad(m!)}-${pad(d!)}`;
}

/** How a date bound is shown in a message: as people here write it, in every language. */
const shown = (iso: string) => iso.split('-').reverse().join('/');

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local date and time of an instant in a time zone. */
function local(instant: number, timeZone: string): { date: string; time: string } {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The UTC instant of a wall-clock time in a zone (two passes, for zones whose offset changes). */
function fromLocal(date: string, hour: number, minute: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, hour, minute);
  const offset = (t: number) => {
    const l = local(t, timeZone);
    const [ly, lm, ld] = l.date.split('-').map(Number);
    const [lh, lmin] = l.time.split(':').map(Number);
    return Date.UTC(ly!, lm! - 1, ld!, lh!, lmin!) - Math.floor(t / 60_000) * 60_000;
  };
  return wall - offset(wall - offset(wall));
}

function checkDay(field: DateField | DateTimeField, day: string, path: string) {
  if (field.min !== undefined && day < field.min) return fail(path, 'forms.error.datemin', { min: shown(field.min) });
  if (field.max !== undefined && day > field.max) return fail(path, 'forms.error.datemax', { max: shown(field.max) });
  return null;
}

export const date: Validator<DateField> = (field, input, path, ctx) => {
  const s = str(input);
  if (s === '') return none;
  const day = parseDate(s);
  if (!day) return fail(path, 'forms.error.date');
  // Today counts as both past and future: a birth declared the day it happens, an appointment for today.
  if (ctx.now) {
    const today = local(ctx.now.getTime(), ctx.timeZone ?? 'UTC').date;
    if (field.past && day > today) return fail(path, 'forms.error.past');
    if (field.future && day < today) return fail(path, 'forms.error.future');
  }
  return checkDay(field, day, path) ?? ok(day);
};

const STORED = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,3})?)?Z$/;
// `<input type=datetime-local>` sends 2026-03-27T14:30; people write 27/03/2026 14:30, 14h30, à 14:30.
const TYPED = /^(.+?)(?:T|\s+(?:à\s+)?)(\d{1,2})[:hH](\d{2})(?::\d{2})?$/;

/** A date-time answer shown in the service's zone, as `<input type=datetime-local>` wants it. */
export function localDateTime(value: string, timeZone: string): string {
  const m = STORED.exec(value);
  if (!m) return value;
  const l = local(Date.parse(`${m[1]}T${m[2]}:${m[3]}:00Z`), timeZone);
  return `${l.date}T${l.time}`;
}

function instantOf(s: string, ctx: FieldContext): number | null {
  const stored = STORED.exec(s);
  const typed = stored ? null : TYPED.exec(s);
  const m = stored ?? typed;
  const day = m && parseDate(m[1]!);
  if (!m || !day) return null;
  const [hour, minute] = [Number(m[2]), Number(m[3])];
  if (hour > 23 || minute > 59) return null;
  return stored ? Date.parse(`${day}T${pad(hour)}:${pad(minute)}:00Z`) : fromLocal(day, hour, minute, ctx.timeZone ?? 'UTC');
}

export const datetime: Validator<DateTimeField> = (field, input, path, ctx) => {
  const s = str(input);
  if (s === '') return none;
  const instant = instantOf(s, ctx);
  if (instant === null) return fail(path, 'forms.error.datetime');
  if (ctx.now) {
    // To the minute: « now » typed at 10:30 is not in the future at 10:30:45.
    const now = Math.floor(ctx.now.getTime() / 60_000) * 60_000;
    if (field.past && instant > now) return fail(path, 'forms.error.past');
    if (field.future && instant < now) return fail(path, 'forms.error.future');
  }
  const error = checkDay(field, local(instant, ctx.timeZone ?? 'UTC').date, path);
  return error ?? ok(`${new Date(instant).toISOString().slice(0, 16)}:00Z`);
};

// One reader per field type. The same function reads a value typed in an HTML form (strings) and checks a
// stored answer (typed), so what a page accepts and what submission accepts can never drift apart.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { Answer, AttachmentRef, Country, DocumentKind, FieldError, InputField, ReadContext } from './types.ts';
import { isEmpty } from './conditions.ts';

export type Read = { value: Answer | undefined; error?: undefined } | { value?: undefined; error: FieldError };

const DEFAULT_KINDS: DocumentKind[] = ['pdf', 'jpeg', 'png'];
const email = z.email();

/**
 * National identity numbers. Senegal: the 13-digit number of the ECOWAS biometric card (first digit 1 or 2).
 * Côte d'Ivoire: the 11-digit NNI. Niger: numbers have changed format over the years (and the AES card is
 * being introduced), so 5 to 20 letters and digits are accepted rather than refusing real cards.
 */
const NATIONAL_ID: Record<Country, RegExp> = { sn: /^[12]\d{12}$/, ci: /^\d{11}$/, ne: /^[A-Z0-9]{5,20}$/ };

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const fail = (field: string, key: string, params?: Record<string, string | number>): Read => ({ error: { field, key, params } });

/** Today's date (YYYY-MM-DD) and time (HH:MM) where the service is. */
function localNow(now: Date, timeZone: string): { date: string; dateTime: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, dateTime: `${date}T${parts.hour}:${parts.minute}` };
}

function validDate(s: string): string | null {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const iso = fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : s;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

function attachment(path: string, input: unknown, accept: DocumentKind[] | undefined, maxSizeMb: number | undefined): Read {
  const ref = obj(input) as Partial<AttachmentRef>;
  if (typeof ref.id !== 'string' || typeof ref.kind !== 'string' || typeof ref.size !== 'number') return { value: undefined };
  const kinds = accept ?? DEFAULT_KINDS;
  if (!kinds.includes(ref.kind as DocumentKind)) return fail(path, 'forms.error.filekind', { kinds: kinds.map((k) => k.toUpperCase()).join(', ') });
  const max = maxSizeMb ?? 5;
  if (ref.size > max * 1_048_576) return fail(path, 'forms.error.filesize', { max });
  if (ref.size === 0) return fail(path, 'forms.error.fileempty');
  return { value: { id: ref.id, name: str(ref.name).slice(0, 200), size: ref.size, kind: ref.kind, sha256: str(ref.sha256) } };
}

/** Reads one field's input. `undefined` means "no answer"; `required` is checked here too. */
export function readField(field: InputField, input: unknown, path: string, ctx: ReadContext): Read {
  const read = readTyped(field, input, path, ctx);
  if (read.error) return read;
  if (field.required && isEmpty(read.value)) return fail(path, field.type === 'attachment' || field.type === 'identityDocument' ? 'forms.error.requiredfile' : 'forms.error.required');
  return read;
}

function readTyped(field: InputField, input: unknown, path: string, ctx: ReadContext): Read {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      const s = str(input);
      if (s === '') return { value: undefined };
      const max = field.maxLength ?? (field.type === 'text' ? 200 : 5000);
      if (s.length > max) return fail(path, 'forms.error.maxlength', { max });
      if (field.type === 'text' && field.minLength && s.length < field.minLength) return fail(path, 'forms.error.minlength', { min: field.minLength });
      if (field.type === 'text' && field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(s)) return fail(path, 'forms.error.pattern');
      return { value: s };
    }
    case 'integer':
    case 'amount': {
      const s = str(input).replace(/[\s\u00a0\u202f]/g, '');
      if (s === '') return { value: undefined };
      if (!/^-?\d{1,15}$/.test(s)) return fail(path, field.type === 'amount' ? 'forms.error.amount' : 'forms.error.integer');
      const n = Number(s);
      if (field.type === 'amount' && n < 0) return fail(path, 'forms.error.amount');
      if (field.min !== undefined && n < field.min) return fail(path, 'forms.error.min', { min: field.min });
      if (field.max !== undefined && n > field.max) return fail(path, 'forms.error.max', { max: field.max });
      return { value: n };
    }
    case 'decimal': {
      const s = str(input).replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
      if (s === '') return { value: undefined };
      const decimals = field.decimals ?? 2;
      if (!/^-?\d{1,15}(\.\d+)?$/.test(s) || (s.split('.')[1]?.length ?? 0) > decimals) return fail(path, 'forms.error.decimal', { decimals });
      const n = Number(s);
      if (field.min !== undefined && n < field.min) return fail(path, 'forms.error.min', { min: field.min });
      if (field.max !== undefined && n > field.max) return fail(path, 'forms.error.max', { max: field.max });
      return { value: n };
    }
    case 'date':
    case 'datetime': {
      const s = str(input);
      if (s === '') return { value: undefined };
      const [d, time] = field.type === 'datetime' ? s.split('T') : [s, undefined];
      const date = validDate(d ?? '');
      if (!date || (field.type === 'datetime' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time ?? ''))) return fail(path, 'forms.error.date');
      const value = field.type === 'datetime' ? `${date}T${time}` : date;
      const now = localNow(ctx.now, ctx.timeZone);
      const today = field.type === 'datetime' ? now.dateTime : now.date;
      if (field.past && value > today) return fail(path, 'forms.error.past');
      if (field.future && value < today) return fail(path, 'forms.error.future');
      if (field.min && date < field.min) return fail(path, 'forms.error.datemin', { min: field.min });
      if (field.max && date > field.max) return fail(path, 'forms.error.datemax', { max: field.max });
      return { value };
    }
    case 'email': {
      const s = str(input).toLowerCase();
      if (s === '') return { value: undefined };
      return s.length <= 254 && email.safeParse(s).success ? { value: s } : fail(path, 'forms.error.email');
    }
    case 'phone': {
      const s = str(input).replace(/^00/, '+');
      if (s === '') return { value: undefined };
      const allowed = field.countries ?? ['ne', 'sn', 'ci'];
      const parsed = s.length <= 30 ? parsePhoneNumberFromString(s, ctx.country.toUpperCase() as CountryCode) : undefined;
      const country = parsed?.country?.toLowerCase() as Country | undefined;
      return parsed?.isValid() && country && allowed.includes(country) ? { value: parsed.number } : fail(path, 'forms.error.phone');
    }
    case 'yesno': {
      if (input === true || input === 'yes') return { value: true };
      if (input === false || input === 'no') return { value: false };
      return str(input) === '' ? { value: undefined } : fail(path, 'forms.error.choice');
    }
    case 'checkbox': {
      const checked = input === true || input === 'on' || input === 'true';
      if (field.required && !checked) return fail(path, 'forms.error.checkbox');
      return { value: checked };
    }
    case 'choice': {
      const s = str(input);
      if (s === '') return { value: undefined };
      return field.options.some((o) => o.value === s) ? { value: s } : fail(path, 'forms.error.choice');
    }
    case 'multichoice': {
      const values = [...new Set((Array.isArray(input) ? input : input === undefined || input === '' ? [] : [input]).map(str).filter(Boolean))];
      if (values.some((v) => !field.options.some((o) => o.value === v))) return fail(path, 'forms.error.choice');
      if (values.length === 0) return { value: undefined };
      if (field.min !== undefined && values.length < field.min) return fail(path, 'forms.error.choicesmin', { min: field.min });
      if (field.max !== undefined && values.length > field.max) return fail(path, 'forms.error.choicesmax', { max: field.max });
      return { value: values };
    }
    case 'territory':
      return territory(field, input, path, ctx);
    case 'address': {
      const a = obj(input);
      const line = str(a.line);
      const city = str(a.city);
      if (line === '' && city === '') return { value: undefined };
      if (line === '' || city === '' || line.length > 300 || city.length > 100) return fail(path, 'forms.error.address');
      return { value: { line, city } };
    }
    case 'nationalId': {
      const s = str(input).replace(/[\s.-]/g, '').toUpperCase();
      if (s === '') return { value: undefined };
      return NATIONAL_ID[field.country ?? ctx.country].test(s) ? { value: s } : fail(path, 'forms.error.nationalid');
    }
    case 'attachment':
      return attachment(path, ctx.attachments?.[path] ?? input, field.accept, field.maxSizeMb);
    case 'identityDocument': {
      const d = obj(input);
      const kind = str(d.kind);
      const number = str(d.number).toUpperCase();
      const file = attachment(path, ctx.attachments?.[path] ?? d.file, field.accept, field.maxSizeMb);
      if (file.error) return file;
      if (kind === '' && number === '' && file.value === undefined) return { value: undefined };
      if (!['cni', 'passport', 'consular', 'other'].includes(kind)) return fail(path, 'forms.error.idkind');
      if (!/^[A-Z0-9 -]{3,30}$/.test(number)) return fail(path, 'forms.error.idnumber');
      if (file.value === undefined) return fail(path, 'forms.error.requiredfile');
      return { value: { kind, number, file: file.value } };
    }
    case 'dossierLink': {
      const s = str(input).toUpperCase().replace(/\s/g, '');
      if (s === '') return { value: undefined };
      return /^DOS-\d{4}-[0-9A-HJKMNP-TV-Z]{6}$/.test(s) ? { value: s } : fail(path, 'forms.error.dossierlink');
    }
    case 'geo': {
      const g = obj(input);
      const [lat, lon] = [str(g.lat).replace(',', '.'), str(g.lon).replace(',', '.')];
      if (lat === '' && lon === '') return { value: undefined };
      const [a, b] = [Number(lat), Number(lon)];
      if (lat === '' || lon === '' || !Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a) > 90 || Math.abs(b) > 180) return fail(path, 'forms.error.geo');
      return { value: { lat: a, lon: b } };
    }
  }
}

function territory(field: Extract<InputField, { type: 'territory' }>, input: unknown, path: string, ctx: ReadContext): Read {
  const t = obj(input);
  const [region, department, commune] = [str(t.region), str(t.department), str(t.commune)];
  if (region === '' && department === '' && commune === '') return { value: undefined };
  const level = field.level ?? 'commune';
  const data = ctx.territories?.[field.country ?? ctx.country];
  const r = data?.regions.find((x) => x.code === region);
  const d = r?.departments.find((x) => x.code === department);
  const c = d?.communes.find((x) => x.code === commune);
  const complete = level === 'region' ? r : level === 'department' ? d : c;
  if (!complete) return fail(path, 'forms.error.territory');
  return { value: level === 'region' ? { region } : level === 'department' ? { region, department } : { region, department, commune } };
}

// From answers (a page's form body, or a whole stored draft) to clean, typed answers and field errors.
// Visibility is decided in reading order on the answers kept so far: an answer to a hidden field, to a
// field of another page or revision, or to an agent's private field is never taken.
import { evaluate, visibleAnswers } from './conditions.ts';
import { readField } from './fields.ts';
import type { Answer, Answers, Field, FieldError, FormDefinition, InputField, ReadContext, RepeatField } from './types.ts';
import { isInput } from './types.ts';

export type FormBody = Record<string, string | string[] | undefined>;

const COMPOUND: Partial<Record<Field['type'], string[]>> = {
  territory: ['region', 'department', 'commune'],
  address: ['line', 'city'],
  geo: ['lat', 'lon'],
  identityDocument: ['kind', 'number'],
};
const MAX_REPEAT_ITEMS = 100;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function blank(value: unknown): boolean {
  if (value && typeof value === 'object') return Object.values(value).every(blank);
  return value === undefined || value === null || value === false || (typeof value === 'string' && value.trim() === '');
}

/** The raw input of one field in a urlencoded body (see docs/procedures.md for the names). */
function inputFromBody(field: InputField, body: FormBody, name: string): unknown {
  const parts = COMPOUND[field.type];
  if (parts) return Object.fromEntries(parts.map((p) => [p, first(body[`${name}.${p}`])]));
  if (field.type === 'multichoice') return body[name];
  return first(body[name]);
}

function repeatItemsFromBody(field: RepeatField, body: FormBody): Record<string, unknown>[] {
  const indexes = new Set<number>();
  const prefix = `${field.id}.`;
  for (const key of Object.keys(body)) {
    if (!key.startsWith(prefix)) continue;
    const i = Number(key.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(i) && i >= 0 && i < MAX_REPEAT_ITEMS) indexes.add(i);
  }
  return [...indexes]
    .sort((a, b) => a - b)
    .map((i) => Object.fromEntries(field.fields.filter(isInput).map((c) => [c.id, inputFromBody(c as InputField, body, `${field.id}.${i}.${c.id}`)])));
}

interface Source {
  input(field: InputField): unknown;
  items(field: RepeatField): unknown[];
}

function readFields(def: FormDefinition, fields: Field[], source: Source, kept: Answers, ctx: ReadContext, errors: FieldError[]): Answers {
  const read: Answers = {};
  for (const field of fields) {
    if (!isInput(field) || (field.private && !ctx.includePrivate)) continue;
    if (field.visibleIf && !evaluate(field.visibleIf, visibleAnswers(def, { ...kept, ...read }))) continue;
    const value = field.type === 'repeat' ? readRepeat(field, source.items(field), { ...kept, ...read }, ctx, errors) : readOne(field, source.input(field), field.id, ctx, errors);
    if (value !== undefined) read[field.id] = value;
  }
  return read;
}

function readOne(field: InputField, input: unknown, path: string, ctx: ReadContext, errors: FieldError[]): Answer | undefined {
  const r = readField(field, input, path, ctx);
  if (r.error) errors.push(r.error);
  return r.value;
}

function readRepeat(field: RepeatField, items: unknown[], outer: Answers, ctx: ReadContext, errors: FieldError[]): Answer | undefined {
  const values: Record<string, unknown>[] = [];
  items.slice(0, MAX_REPEAT_ITEMS).forEach((raw, index) => {
    const item = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    // A row left entirely empty is a row the applicant did not fill: skipped, not an error.
    if (blank(item) && !field.fields.some((c) => ctx.attachments?.[`${field.id}.${index}.${c.id}`])) return;
    const value: Answers = {};
    for (const child of field.fields) {
      if (!isInput(child)) continue;
      if (child.visibleIf && !evaluate(child.visibleIf, { ...outer, ...value })) continue;
      const v = readOne(child as InputField, ctx.attachments?.[`${field.id}.${index}.${child.id}`] ?? item[child.id], `${field.id}.${index}.${child.id}`, ctx, errors);
      if (v !== undefined) value[child.id] = v;
    }
    values.push(value);
  });
  const max = field.max ?? 20;
  const min = field.min ?? (field.required ? 1 : 0);
  if (values.length < min) errors.push({ field: field.id, key: 'forms.error.repeatmin', params: { min } });
  if (values.length > max) errors.push({ field: field.id, key: 'forms.error.repeatmax', params: { max } });
  return values.length ? values : undefined;
}

/** Reads one page of the form. `previous` are the answers of the other pages, already kept. */
export function readSection(def: FormDefinition, sectionId: string, body: FormBody, ctx: ReadContext & { previous: Answers }): { answers: Answers; errors: FieldError[] } {
  const section = def.sections.find((s) => s.id === sectionId);
  if (!section) return { answers: {}, errors: [] };
  const own = new Set(section.fields.map((f) => f.id));
  const kept = Object.fromEntries(Object.entries(ctx.previous).filter(([k]) => !own.has(k)));
  const errors: FieldError[] = [];
  if (section.visibleIf && !evaluate(section.visibleIf, visibleAnswers(def, kept))) return { answers: {}, errors };
  const source: Source = {
    input: (f) => inputFromBody(f, body, f.id),
    items: (f) => repeatItemsFromBody(f, body),
  };
  return { answers: readFields(def, section.fields, source, kept, ctx, errors), errors };
}

/** Checks a whole set of answers, as before submission: the clean answers and every problem left. */
export function validateAnswers(def: FormDefinition, answers: Answers, ctx: ReadContext): { answers: Answers; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const clean: Answers = {};
  const source: Source = {
    input: (f) => answers[f.id],
    items: (f) => (Array.isArray(answers[f.id]) ? (answers[f.id] as unknown[]) : []),
  };
  for (const section of def.sections) {
    if (section.visibleIf && !evaluate(section.visibleIf, visibleAnswers(def, clean))) continue;
    Object.assign(clean, readFields(def, section.fields, source, clean, ctx, errors));
  }
  return { answers: clean, errors };
}

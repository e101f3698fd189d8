// From one page of an HTML form (a urlencoded body) to typed answers and field errors.
//
// Input names (docs/procedures.md): the field's id; compound fields add a part — `<id>.region`,
// `<id>.department`, `<id>.commune` (territory), `<id>.line`, `<id>.city`, `<id>.commune` (address),
// `<id>.lat`, `<id>.lon` (geo), `<id>.kind`, `<id>.number` (identityDocument); items of a repeated block are
// `<repeatId>.<index>.<childId>` (and its parts). A multichoice sends its name once per ticked box.
import { evaluate, visibleAnswers } from './conditions.ts';
import { answerAt, MAX_ITEMS, readFields, type Source } from './walk.ts';
import type { Answer, Answers, FieldError, FormDefinition, InputField, InputType, ReadContext, RepeatField } from './types.ts';

export type FormBody = Record<string, string | string[] | undefined>;

export interface SectionResult {
  /** The typed answers of this page's visible fields; no other id. */
  answers: Answers;
  errors: FieldError[];
}

const PARTS: Partial<Record<InputType, readonly string[]>> = {
  territory: ['region', 'department', 'commune'],
  address: ['line', 'city', 'commune'],
  geo: ['lat', 'lon'],
  identityDocument: ['kind', 'number'],
};

/** Own keys only: a field named `constructor` must not read Object.prototype's. */
const raw = (body: FormBody, name: string) => (Object.hasOwn(body, name) ? body[name] : undefined);
const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const INDEX = /^(0|[1-9]\d{0,2})$/;

/**
 * Reads one page. Visibility is decided on the previous answers (of other pages) merged with this page's,
 * in reading order; values of hidden fields are dropped, never trusted, and so are names that are not
 * fields of this page (another page, another revision, an agent's private field). Files come from
 * `ctx.attachments`, or stay as previously attached; never from the body.
 * An unknown or hidden section reads as nothing: the caller decides which pages exist (visibleSections).
 */
export function readSection(def: FormDefinition, sectionId: string, body: FormBody, ctx: ReadContext): SectionResult {
  const section = def.sections.find((s) => s.id === sectionId);
  if (!section) return { answers: {}, errors: [] };
  const own = new Set(section.fields.map((f) => f.id));
  const others: Answers = Object.fromEntries(Object.entries(ctx.previous).filter(([id]) => !own.has(id)));
  const seen = visibleAnswers(def, others);
  if (section.visibleIf && !evaluate(section.visibleIf, seen)) return { answers: {}, errors: [] };

  const fileAt = (path: string): unknown => {
    if (Object.hasOwn(ctx.attachments, path)) return ctx.attachments[path];
    const before = answerAt(ctx.previous, path);
    return before && typeof before === 'object' && 'file' in before ? before.file : before;
  };
  const source: Source = {
    input(field: InputField, path: string): unknown {
      if (field.type === 'attachment') return fileAt(path);
      if (field.type === 'multichoice') return raw(body, path);
      const parts = PARTS[field.type];
      if (!parts) return single(raw(body, path));
      const value: Record<string, unknown> = Object.fromEntries(parts.map((p) => [p, single(raw(body, `${path}.${p}`))]));
      if (field.type === 'identityDocument') value.file = fileAt(path);
      return value;
    },
    items: (field) => itemIndexes(field, body, ctx),
  };
  const errors: FieldError[] = [];
  const answers = readFields(section.fields, source, { ...seen }, { ctx, includePrivate: ctx.includePrivate === true, errors });
  return { answers, errors };
}

/** The items a page holds: indexes named in the body, files sent for an item, items holding files already. */
function itemIndexes(field: RepeatField, body: FormBody, ctx: ReadContext): number[] {
  const indexes = new Set<number>();
  const prefix = `${field.id}.`;
  for (const key of [...Object.keys(body), ...Object.keys(ctx.attachments)]) {
    if (!key.startsWith(prefix)) continue;
    const index = key.slice(prefix.length).split('.')[0]!;
    if (INDEX.test(index) && Number(index) < MAX_ITEMS) indexes.add(Number(index));
  }
  // A row whose only inputs are files sends nothing in the body once its files are attached.
  const before = answerAt(ctx.previous, field.id);
  if (Array.isArray(before) && field.fields.some((c) => c.type === 'attachment' || c.type === 'identityDocument')) {
    for (let i = 0; i < Math.min(before.length, MAX_ITEMS); i++) indexes.add(i);
  }
  return [...indexes].sort((a, b) => a - b);
}

/**
 * The draft once a page is saved: the page's previous answers replaced by the new ones (an answer cleared
 * on the page must disappear, which a plain `{ ...previous, ...answers }` would not do).
 */
export function mergeSection(def: FormDefinition, sectionId: string, previous: Answers, sectionAnswers: Answers): Answers {
  const section = def.sections.find((s) => s.id === sectionId);
  const own = new Set(section?.fields.map((f) => f.id) ?? []);
  const merged: Answers = Object.fromEntries(Object.entries(previous).filter(([id]) => !own.has(id)));
  for (const [id, value] of Object.entries(sectionAnswers) as [string, Answer][]) if (own.has(id)) merged[id] = value;
  return merged;
}

// Reading fields in order — conditions, private fields, repeated blocks — the same way for one page of a form
// body (read.ts) and for a whole stored draft (validate.ts); the two differ only in where inputs come from.
import { answerOf, evaluate } from './conditions.ts';
import type { FieldContext } from './field-kit.ts';
import { readField } from './fields.ts';
import { isInput, type Answer, type Answers, type Field, type FieldError, type InputField, type RepeatField } from './types.ts';

/** Items of a repeated block read at most, whatever a body claims: bounds the work a request can cause. */
export const MAX_ITEMS = 100;
export const DEFAULT_REPEAT_MAX = 20;

export interface Source {
  /** The raw input of the field at `path`: `id`, or `repeatId.index.childId` inside a repeated block. */
  input(field: InputField, path: string): unknown;
  /** The indexes of the items of a repeated block that the source holds, ascending, below MAX_ITEMS. */
  items(field: RepeatField): number[];
}

export interface Walk {
  ctx: FieldContext;
  includePrivate: boolean;
  errors: FieldError[];
}

/** The stored answer at a path (`id` or `repeatId.index.childId`), or undefined. */
export function answerAt(answers: Answers, path: string): Answer | undefined {
  const [id, index, child] = path.split('.');
  const value = answerOf(answers, id!);
  if (index === undefined || child === undefined) return value;
  const item = Array.isArray(value) ? value[Number(index)] : undefined;
  return item && typeof item === 'object' ? answerOf(item, child) : undefined;
}

/** Nothing typed: empty strings, unticked boxes, compound inputs with every part empty. */
function blank(input: unknown): boolean {
  if (input === undefined || input === null || input === false) return true;
  if (typeof input === 'string') return input.trim() === '';
  if (Array.isArray(input)) return input.every(blank);
  if (typeof input === 'object') return Object.values(input).every(blank);
  return false;
}

/**
 * Reads `fields` in order. `seen` holds the visible answers that conditions may look at; each value read is
 * added to it, so a later condition sees an earlier answer of the same page. Hidden fields, and private
 * ones unless allowed, are not read at all: whatever input they had is dropped.
 */
export function readFields(fields: Field[], source: Source, seen: Answers, walk: Walk): Answers {
  const out: Answers = {};
  for (const field of fields) {
    if (!isInput(field) || (field.private && !walk.includePrivate)) continue;
    if (field.visibleIf && !evaluate(field.visibleIf, seen)) continue;
    const value = field.type === 'repeat' ? readRepeat(field, source, seen, walk) : readOne(field, field.id, source.input(field, field.id), walk);
    if (value !== undefined) out[field.id] = seen[field.id] = value;
  }
  return out;
}

function readOne(field: InputField, path: string, input: unknown, walk: Walk): Answer | undefined {
  const read = readField(field, input, path, walk.ctx);
  if (read.error) walk.errors.push(read.error);
  return read.value;
}

/**
 * Each item is read like a small page: its conditions see the form's answers and the item's earlier fields
 * (which take precedence over a form field of the same id). An item left entirely empty is one the
 * applicant did not fill: skipped, not an error. Error paths keep the source's index.
 */
function readRepeat(field: RepeatField, source: Source, outer: Answers, walk: Walk): Answers[] | undefined {
  const children = field.fields.filter((c): c is InputField => isInput(c) && (!c.private || walk.includePrivate));
  const items: Answers[] = [];
  for (const index of source.items(field)) {
    const inputs = children.map((c) => source.input(c, `${field.id}.${index}.${c.id}`));
    if (inputs.every(blank)) continue;
    const seen: Answers = { ...outer };
    const item: Answers = {};
    const errorsBefore = walk.errors.length;
    children.forEach((child, i) => {
      const shown = !child.visibleIf || evaluate(child.visibleIf, seen);
      const value = shown ? readOne(child, `${field.id}.${index}.${child.id}`, inputs[i], walk) : undefined;
      if (value === undefined) delete seen[child.id];
      else item[child.id] = seen[child.id] = value;
    });
    // Only hidden fields were typed in (a condition changed since): nothing left to keep.
    if (Object.keys(item).length > 0 || walk.errors.length > errorsBefore) items.push(item);
  }
  // A repeated block's `min` is its length floor ("at least two witnesses"); `required` means at least one.
  const min = Math.max(field.min ?? 0, field.required ? 1 : 0);
  const max = field.max ?? DEFAULT_REPEAT_MAX;
  if (items.length < min) walk.errors.push({ field: field.id, key: 'forms.error.repeatmin', params: { min } });
  if (items.length > max) walk.errors.push({ field: field.id, key: 'forms.error.repeatmax', params: { max } });
  return items.length > 0 ? items : undefined;
}

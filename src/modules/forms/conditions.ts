// Which questions are asked. A field is visible when its section's condition and its own hold, evaluated
// on the answers given so far; an answer to a hidden field counts as empty for every condition after it.
import type { Answer, Answers, ChildField, Condition, Field, FormDefinition, RepeatField, Section } from './types.ts';

/** An answer by id, own properties only: an id such as `constructor` must not find Object.prototype. */
export const answerOf = (answers: Answers, id: string): Answer | undefined => (Object.hasOwn(answers, id) ? answers[id] : undefined);

export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isEmpty);
  return false; // numbers and booleans, `false` included, are answers
}

type Scalar = string | number | boolean;

/** The value a condition compares: scalars as they are; a territory by its finest code. */
function scalar(value: Answer | undefined): Scalar | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value && typeof value === 'object' && !Array.isArray(value) && 'region' in value) {
    return value.commune ?? value.department ?? value.region;
  }
  return undefined;
}

/** A number written plainly (not '', not ' ', not '0x10', which Number() would all accept). */
function numeric(value: Scalar): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

function same(a: Scalar, b: Scalar): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    const [x, y] = [numeric(a), numeric(b)];
    return x !== undefined && x === y;
  }
  return String(a) === String(b);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** Numbers compare as numbers, dates (YYYY-MM-DD…) as text, which orders them; anything else does not compare. */
function order(a: Scalar, b: Scalar): number | undefined {
  const [x, y] = [numeric(a), numeric(b)];
  if (x !== undefined && y !== undefined) return x - y;
  if (typeof a === 'string' && typeof b === 'string' && ISO_DATE.test(a) && ISO_DATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Lower case without accents: « Tillabéri » includes « beri ». */
const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function matches(value: Answer, expected: Scalar | undefined): boolean {
  if (expected === undefined) return false;
  // A multichoice "equals" a value when that value is among the ones chosen.
  if (Array.isArray(value)) return value.some((v) => typeof v === 'string' && same(v, expected));
  const x = scalar(value);
  return x !== undefined && same(x, expected);
}

export function evaluate(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, answers));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, answers));
  const value = answerOf(answers, condition.field);
  const expected = condition.value;
  if (condition.op === 'empty') return isEmpty(value);
  // Every other operator needs an answer: "differs from Niger" waits for a country to be given.
  if (value === undefined || isEmpty(value)) return false;
  switch (condition.op) {
    case 'filled':
      return true;
    case 'equals':
      return matches(value, expected);
    case 'differs':
      return !matches(value, expected);
    case 'includes':
      if (Array.isArray(value)) return matches(value, expected);
      return typeof value === 'string' && expected !== undefined && folded(value).includes(folded(String(expected)));
    case 'lt':
    case 'gt': {
      const x = scalar(value);
      const o = x === undefined || expected === undefined ? undefined : order(x, expected);
      return o !== undefined && (condition.op === 'lt' ? o < 0 : o > 0);
    }
  }
}

/**
 * The answers as conditions must see them: walking the form in reading order, only the answers of visible
 * fields are kept, so a field that depends on a hidden one sees it empty.
 */
export function visibleAnswers(def: FormDefinition, answers: Answers): Answers {
  const seen: Answers = {};
  for (const section of def.sections) {
    if (section.visibleIf && !evaluate(section.visibleIf, seen)) continue;
    for (const field of section.fields) {
      const value = answerOf(answers, field.id);
      if (value === undefined || (field.visibleIf && !evaluate(field.visibleIf, seen))) continue;
      seen[field.id] = value;
    }
  }
  return seen;
}

export function isSectionVisible(def: FormDefinition, section: Section | string, answers: Answers): boolean {
  const s = typeof section === 'string' ? def.sections.find((x) => x.id === section) : section;
  if (!s) return false;
  return !s.visibleIf || evaluate(s.visibleIf, visibleAnswers(def, answers));
}

export function visibleSections(def: FormDefinition, answers: Answers): Section[] {
  const seen = visibleAnswers(def, answers);
  return def.sections.filter((s) => !s.visibleIf || evaluate(s.visibleIf, seen));
}

/**
 * The fields to show, in reading order, headings and explanations included: those of visible sections
 * whose own condition holds. Private fields only for agents.
 */
export function visibleFields(def: FormDefinition, answers: Answers, options: { section?: string; includePrivate?: boolean } = {}): Field[] {
  const seen = visibleAnswers(def, answers);
  return def.sections
    .filter((s) => (options.section === undefined || s.id === options.section) && (!s.visibleIf || evaluate(s.visibleIf, seen)))
    .flatMap((s) => s.fields)
    .filter((f) => (!('private' in f) || !f.private || options.includePrivate) && (!f.visibleIf || evaluate(f.visibleIf, seen)));
}

export function isFieldVisible(def: FormDefinition, fieldId: string, answers: Answers): boolean {
  return visibleFields(def, answers, { includePrivate: true }).some((f) => f.id === fieldId);
}

/**
 * The fields to show in one item of a repeated block. Their conditions see the visible answers of the form
 * (`outer`, from visibleAnswers) and the earlier fields of the same item, which take precedence.
 */
export function visibleChildren(repeat: RepeatField, item: Answers, outer: Answers, includePrivate = false): ChildField[] {
  const seen: Answers = { ...outer };
  const shown: ChildField[] = [];
  for (const child of repeat.fields) {
    if ('private' in child && child.private && !includePrivate) continue;
    if (child.visibleIf && !evaluate(child.visibleIf, seen)) {
      delete seen[child.id];
      continue;
    }
    shown.push(child);
    const value = answerOf(item, child.id);
    if (value !== undefined) seen[child.id] = value;
    else delete seen[child.id];
  }
  return shown;
}

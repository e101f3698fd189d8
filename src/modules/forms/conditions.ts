// Which questions are asked: a field is visible when its section and its own condition hold, evaluated on
// the answers given so far. An answer to a field that is not visible counts as empty.
import type { Answer, Answers, Condition, Field, FormDefinition, Section } from './types.ts';

export function isEmpty(value: Answer | undefined): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function comparable(value: Answer | undefined): string | number | boolean | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    // A territory compares by its finest code given.
    const t = value as Record<string, unknown>;
    const code = t.commune ?? t.department ?? t.region;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

function equals(a: Answer | undefined, b: string | number | boolean | undefined): boolean {
  if (Array.isArray(a)) return b !== undefined && (a as unknown[]).includes(String(b));
  const x = comparable(a);
  if (x === undefined || b === undefined) return false;
  return typeof x === 'number' || typeof b === 'number' ? Number(x) === Number(b) : String(x) === String(b);
}

function order(a: Answer | undefined, b: string | number | boolean | undefined): number | null {
  const x = comparable(a);
  if (x === undefined || b === undefined) return null;
  const nx = Number(x);
  const nb = Number(b);
  // Numbers compare as numbers; dates (YYYY-MM-DD…) compare as text, which orders them correctly.
  if (x !== '' && b !== '' && !Number.isNaN(nx) && !Number.isNaN(nb)) return nx - nb;
  return String(x) < String(b) ? -1 : String(x) > String(b) ? 1 : 0;
}

export function evaluate(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, answers));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, answers));
  const value = answers[condition.field];
  switch (condition.op) {
    case 'empty':
      return isEmpty(value);
    case 'filled':
      return !isEmpty(value);
    case 'equals':
      return equals(value, condition.value);
    case 'differs':
      return !isEmpty(value) && !equals(value, condition.value);
    case 'includes':
      if (Array.isArray(value)) return condition.value !== undefined && (value as unknown[]).includes(String(condition.value));
      return typeof value === 'string' && condition.value !== undefined && value.toLowerCase().includes(String(condition.value).toLowerCase());
    case 'lt': {
      const o = order(value, condition.value);
      return o !== null && o < 0;
    }
    case 'gt': {
      const o = order(value, condition.value);
      return o !== null && o > 0;
    }
  }
}

/**
 * The answers as conditions must see them: walking the form in order, an answer to a hidden field is
 * removed before later conditions look at it (a field that depends on a hidden one sees it empty).
 */
export function visibleAnswers(def: FormDefinition, answers: Answers): Answers {
  const seen: Answers = {};
  for (const section of def.sections) {
    const shown = !section.visibleIf || evaluate(section.visibleIf, seen);
    for (const field of section.fields) {
      if (!shown || (field.visibleIf && !evaluate(field.visibleIf, seen))) continue;
      if (field.id in answers) seen[field.id] = answers[field.id]!;
    }
  }
  return seen;
}

export function isSectionVisible(def: FormDefinition, section: Section, answers: Answers): boolean {
  return !section.visibleIf || evaluate(section.visibleIf, visibleAnswers(def, answers));
}

export function isFieldVisible(def: FormDefinition, field: Field, answers: Answers): boolean {
  return !field.visibleIf || evaluate(field.visibleIf, visibleAnswers(def, answers));
}

export function visibleSections(def: FormDefinition, answers: Answers): Section[] {
  const seen = visibleAnswers(def, answers);
  return def.sections.filter((s) => !s.visibleIf || evaluate(s.visibleIf, seen));
}

// The full check of a draft before submission, with the same per-type validators as the pages: every
// visible field's value re-checked (formats, ranges, files, dates against today in the service's zone,
// territory codes), required answers present, repeated blocks within their bounds.
import { evaluate } from './conditions.ts';
import { answerAt, MAX_ITEMS, readFields, type Source } from './walk.ts';
import type { Answers, FieldError, FormDefinition, ValidationContext } from './types.ts';

export interface ValidationResult {
  /** The answers to keep: typed, of visible fields only; hidden, unknown and (for applicants) private ones removed. */
  answers: Answers;
  errors: FieldError[];
}

export function validateAnswers(def: FormDefinition, answers: Answers, ctx: ValidationContext): ValidationResult {
  const source: Source = {
    input: (_field, path) => answerAt(answers, path),
    items: (field) => {
      const items = answerAt(answers, field.id);
      return Array.isArray(items) ? items.slice(0, MAX_ITEMS).map((_, i) => i) : [];
    },
  };
  const errors: FieldError[] = [];
  // The clean answers so far are also what later conditions see.
  const clean: Answers = {};
  for (const section of def.sections) {
    if (section.visibleIf && !evaluate(section.visibleIf, clean)) continue;
    readFields(section.fields, source, clean, { ctx, includePrivate: ctx.includePrivate === true, errors });
  }
  return { answers: clean, errors };
}

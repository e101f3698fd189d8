// Free text: one line, several lines, an e-mail address.
import { z } from 'zod';
import { fail, none, ok, str, type Validator } from './field-kit.ts';
import type { EmailField, TextareaField, TextField } from './types.ts';

export const TEXT_MAX = 200;
export const TEXTAREA_MAX = 5000;

const patterns = new Map<string, RegExp | null>();

/** The whole answer must match; a pattern that does not compile matches nothing (parseDefinition refuses it). */
export function compiledPattern(pattern: string): RegExp | null {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`);
    } catch {
      re = null;
    }
    if (patterns.size < 1000) patterns.set(pattern, re);
  }
  return re;
}

export const text: Validator<TextField> = (field, input, path) => {
  // One line: a newline pasted from elsewhere becomes a space.
  const s = str(input).replace(/\s*[\r\n\t]+\s*/g, ' ');
  if (s === '') return none;
  const max = field.maxLength ?? TEXT_MAX;
  if (s.length > max) return fail(path, 'forms.error.maxlength', { max });
  if (field.minLength !== undefined && s.length < field.minLength) return fail(path, 'forms.error.minlength', { min: field.minLength });
  if (field.pattern !== undefined && !compiledPattern(field.pattern)?.test(s)) {
    const message = field.patternMessage;
    return { error: message === undefined ? { field: path, key: 'forms.error.pattern' } : { field: path, key: 'forms.error.pattern', message } };
  }
  return ok(s);
};

export const textarea: Validator<TextareaField> = (field, input, path) => {
  const s = str(input).replace(/\r\n?/g, '\n');
  if (s === '') return none;
  const max = field.maxLength ?? TEXTAREA_MAX;
  return s.length > max ? fail(path, 'forms.error.maxlength', { max }) : ok(s);
};

const emailSchema = z.email();

export const email: Validator<EmailField> = (_field, input, path) => {
  // Addresses are compared and used lower-cased: people type capitals that mail servers ignore.
  const s = str(input).toLowerCase();
  if (s === '') return none;
  return s.length <= 254 && emailSchema.safeParse(s).success ? ok(s) : fail(path, 'forms.error.email');
};

// What every field validator shares. A validator takes one field's raw input — strings from an HTML form, or
// the typed value stored in a draft — and returns the typed value or one error. The same function serves
// both, so what a page accepts and what submission accepts cannot drift apart. Validators never throw.
import type { FormsMessageKey } from './messages.ts';
import type { Answer, Country, FieldError, Territories } from './types.ts';

export type Read = { value: Answer | undefined; error?: undefined } | { value?: undefined; error: FieldError };

/**
 * The outside facts a validator may need. Draft migration without a context leaves `now` and the lists out
 * (`contextFree`): checks that need them are then left to submission, which always runs them.
 */
export interface FieldContext {
  now?: Date;
  timeZone?: string;
  country?: Country;
  territories?: Partial<Record<Country, Territories>>;
  contextFree?: boolean;
}

export type Validator<F> = (field: F, input: unknown, path: string, ctx: FieldContext) => Read;

export const none: Read = { value: undefined };
export const ok = (value: Answer): Read => ({ value });
export function fail(field: string, key: FormsMessageKey, params?: Record<string, string | number>): Read {
  return { error: params ? { field, key, params } : { field, key } };
}

// C0 controls other than tab and newline (NUL cannot even be stored in PostgreSQL text), and lone surrogates
// (half an emoji, cut by a phone keyboard), which are not valid UTF-8.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Raw input as text: strings cleaned and trimmed; numbers and booleans as written; anything else empty. */
export function str(input: unknown): string {
  // A name sent twice: the first value, as a single HTML input means it.
  if (Array.isArray(input)) return typeof input[0] === 'string' ? str(input[0]) : '';
  if (typeof input === 'number') return Number.isFinite(input) ? String(input) : '';
  if (typeof input === 'boolean') return String(input);
  if (typeof input !== 'string') return '';
  return input.normalize('NFC').replace(CONTROLS, '').replace(LONE_SURROGATE, '\ufffd').trim();
}

/** Raw input as a record (compound fields): a plain object's own entries, or nothing. */
export function obj(input: unknown): Record<string, unknown> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return {};
  return Object.fromEntries(Object.entries(input));
}

/** White space a phone or a word processor may put between thousands: space, no-break and narrow no-break. */
export const GROUP_SPACE = '[ \\u00a0\\u202f]';

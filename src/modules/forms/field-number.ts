// Numbers as people type them: « 25 000 », « 12,5 », « 5000 F ». Whole numbers up to 15 digits, so that every
// accepted value is exact in a JavaScript number and in PostgreSQL's numeric/bigint.
import { fail, GROUP_SPACE, none, ok, str, type Read, type Validator } from './field-kit.ts';
import type { AmountField, DecimalField, IntegerField } from './types.ts';

const MAX_DIGITS = 15;
const GROUPED = new RegExp(`^\\d{1,3}(?:${GROUP_SPACE}\\d{3})+$`);
// Amounts are also written « 25.000 » in the region; with no decimals in FCFA, a dot can only group thousands.
const GROUPED_DOTS = new RegExp(`^\\d{1,3}(?:(?:${GROUP_SPACE}|\\.)\\d{3})+$`);
const CURRENCY = /\s*(?:f\s*cfa|fcfa|cfa|xof|francs?(?:\s*cfa)?|f)\.?$/i;

/** The digits of a whole number written plainly or grouped by thousands (strictly: « 25 00 » is a typo). */
function wholeDigits(s: string, grouped: RegExp): string | null {
  const digits = /^\d+$/.test(s) ? s : grouped.test(s) ? s.replace(/\D/g, '') : null;
  if (digits === null) return null;
  const significant = digits.replace(/^0+(?=\d)/, '');
  return significant.length <= MAX_DIGITS ? significant : null;
}

/** No negative zero: it would not equal 0 in stored data compared strictly. */
const number = (text: string) => {
  const n = Number(text);
  return n === 0 ? 0 : n;
};

function inRange(n: number, field: { min?: number; max?: number }, path: string, show: (n: number) => string | number = (x) => x): Read {
  if (field.min !== undefined && n < field.min) return fail(path, 'forms.error.min', { min: show(field.min) });
  if (field.max !== undefined && n > field.max) return fail(path, 'forms.error.max', { max: show(field.max) });
  return ok(n);
}

export const integer: Validator<IntegerField> = (field, input, path) => {
  const s = str(input);
  if (s === '') return none;
  const [, sign, rest] = /^([+-]?)(.*)$/s.exec(s)!;
  const digits = wholeDigits(rest!, GROUPED);
  if (digits === null) return fail(path, 'forms.error.integer');
  return inRange(number(`${sign === '-' ? '-' : ''}${digits}`), field, path);
};

/** Thousands grouped with a no-break space, as the pages show money. */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

export const amount: Validator<AmountField> = (field, input, path) => {
  const s = str(input).replace(CURRENCY, '');
  if (s === '') return none;
  const digits = wholeDigits(s.replace(/^\+/, ''), GROUPED_DOTS);
  if (digits === null) return fail(path, 'forms.error.amount');
  return inRange(number(digits), field, path, grouped);
};

const DECIMAL = new RegExp(`^([+-]?)(\\d+|\\d{1,3}(?:${GROUP_SPACE}\\d{3})+)?(?:[.,](\\d+))?$`);

export const decimal: Validator<DecimalField> = (field, input, path) => {
  const s = str(input);
  if (s === '') return none;
  const decimals = field.decimals ?? 2;
  const m = DECIMAL.exec(s);
  const whole = m?.[2] === undefined ? '0' : wholeDigits(m[2], GROUPED);
  const fraction = m?.[3] ?? '';
  // « 1.234 » with 2 decimals is refused rather than guessed: 1.234 or 1 234?
  if (!m || (m[2] === undefined && m[3] === undefined) || whole === null || fraction.length > decimals) {
    return fail(path, 'forms.error.decimal', { decimals });
  }
  return inRange(number(`${m[1] === '-' ? '-' : ''}${whole}.${fraction || '0'}`), field, path);
};

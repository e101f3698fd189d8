// Translations and locale-aware formatting. French (locales/fr.json) is the reference catalog: every key
// exists there, and any key missing from another language falls back to French.
import { readFileSync } from 'node:fs';
import { LOCALES, type Locale } from '../../config.ts';
import type fr from '../../../locales/fr.json';

export type MessageKey = keyof typeof fr;
export type Params = Record<string, string | number>;

const LOCALES_DIR = new URL('../../../locales/', import.meta.url);

/** Names of the languages in themselves, for the language switch. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  fr: 'Français',
  en: 'English',
  ha: 'Hausa',
  dje: 'Zarma',
  wo: 'Wolof',
};

const catalogs = new Map<Locale, Record<string, string>>(
  LOCALES.map((l) => [l, JSON.parse(readFileSync(new URL(`${l}.json`, LOCALES_DIR), 'utf8')) as Record<string, string>]),
);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = catalogs.get(locale)?.[key] ?? catalogs.get('fr')![key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The languages Intl knows for formatting; the others format numbers and dates as French does. */
function formattingLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : 'fr-FR';
}

export interface I18n {
  locale: Locale;
  timeZone: string;
  t(key: MessageKey, params?: Params): string;
  /** "1 900 FCFA": whole XOF grouped by thousands, as written in the region (no-break spaces). */
  money(amountXof: number): string;
  date(value: Date): string;
  dateTime(value: Date): string;
}

// Intl formatters are costly to build and hold no request state: one I18n per language and time zone.
const instances = new Map<string, I18n>();

export function createI18n(locale: Locale, timeZone: string): I18n {
  const key = `${locale} ${timeZone}`;
  let i18n = instances.get(key);
  if (!i18n) instances.set(key, (i18n = buildI18n(locale, timeZone)));
  return i18n;
}

function buildI18n(locale: Locale, timeZone: string): I18n {
  const fmt = formattingLocale(locale);
  const dateFmt = new Intl.DateTimeFormat(fmt, { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  const dateTimeFmt = new Intl.DateTimeFormat(fmt, {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return {
    locale,
    timeZone,
    t: (key, params) => translate(locale, key, params),
    money: (amount) => `${groupThousands(amount)}\u00a0FCFA`,
    date: (value) => dateFmt.format(value),
    dateTime: (value) => dateTimeFmt.format(value),
  };
}

function groupThousands(n: number): string {
  // A no-break space (U+00A0) keeps "1 900" on one line; Intl's narrow no-break space (U+202F) is missing
  // from many low-end phone fonts, so group by hand.
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

/**
 * The language of a request: ?lang= first (an explicit choice), then the cookie that remembers it, then the
 * browser's Accept-Language, then the platform default.
 */
export function negotiateLocale(
  query: unknown,
  cookie: unknown,
  acceptLanguage: string | undefined,
  fallback: Locale,
): Locale {
  if (isLocale(query)) return query;
  if (isLocale(cookie)) return cookie;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase().split('-')[0];
    if (isLocale(tag)) return tag;
  }
  return fallback;
}

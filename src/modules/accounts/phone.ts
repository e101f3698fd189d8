// Phone numbers of the countries Guichet serves, written as people write them ("90 12 34 56", "+227…",
// "00227…"), normalised to E.164. Only real numbering plans are accepted (libphonenumber's full metadata).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Country } from '../catalog/pack-schema.ts';

const SERVED: Record<string, Country> = { NE: 'ne', SN: 'sn', CI: 'ci' };

export function normalisePhone(input: string, home: Country): string | null {
  const cleaned = input.trim().replace(/^00/, '+');
  if (cleaned.length > 30) return null;
  const parsed = parsePhoneNumberFromString(cleaned, home.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isValid() || !parsed.country || !(parsed.country in SERVED)) return null;
  return parsed.number;
}

/** "+227 •• •• 34 56": enough for the owner to recognise, not enough to harvest. */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 4)} •• •• ${e164.slice(-4, -2)} ${e164.slice(-2)}`;
}

// Numbers people copy from a card, a phone or a receipt: phone numbers, national identity numbers, dossier
// references. Each is stored in one canonical form, whatever spacing was typed.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { fail, none, ok, str, type Validator } from './field-kit.ts';
import type { FormsMessageKey } from './messages.ts';
import { COUNTRIES, type Country, type DossierLinkField, type NationalIdField, type PhoneField } from './types.ts';

const DIALING: Record<Country, string> = { ne: '+227', sn: '+221', ci: '+225' };

/**
 * Phone numbers are checked against the numbering plans of libphonenumber's full metadata (`/max`: the real
 * ranges, not only the length) and stored in E.164 (+22790123456), the form SMS gateways want. Without a
 * country code, a number is read as one of the service's country.
 */
export const phone: Validator<PhoneField> = (field, input, path, ctx) => {
  const s = str(input).replace(/^00/, '+');
  if (s === '') return none;
  const allowed = field.countries ?? [...COUNTRIES];
  const prefixes = allowed.map((c) => DIALING[c]).join(', ');
  const region = ctx.country && allowed.includes(ctx.country) ? ctx.country : (allowed[0] ?? 'ne');
  const parsed = s.length <= 40 ? parsePhoneNumberFromString(s, region.toUpperCase() as CountryCode) : undefined;
  if (!parsed?.isValid()) return fail(path, 'forms.error.phone', { prefixes });
  const country = parsed.country?.toLowerCase() as Country | undefined;
  if (!country || !allowed.includes(country)) return fail(path, 'forms.error.phonecountry', { prefixes });
  return ok(parsed.number);
};

/**
 * National identity numbers, stored without spaces, dots or dashes, in capitals.
 * - Senegal: the NIN printed on the ECOWAS biometric identity card (since 2016): 13 digits, the first one 1
 *   or 2 (it gives the holder's sex). Checked strictly: the card is the only identity card in circulation.
 * - Côte d'Ivoire: the NNI (numéro national d'identification) of ONECI: 11 digits, on the card issued since
 *   2019 and on the identity attestation. Older card numbers (a letter and digits) are refused: procedures
 *   that still take them should ask for an identityDocument instead.
 * - Niger: numbers have had several formats (older cards, the biometric card, the AES card being introduced)
 *   and no public specification is settled, so 5 to 20 letters and digits are accepted rather than turning
 *   away a real card. Tighten here when the national registry publishes its format.
 */
const NATIONAL_ID: Record<Country, { pattern: RegExp; key: FormsMessageKey }> = {
  sn: { pattern: /^[12]\d{12}$/, key: 'forms.error.nationalidsn' },
  ci: { pattern: /^\d{11}$/, key: 'forms.error.nationalidci' },
  ne: { pattern: /^[A-Z0-9]{5,20}$/, key: 'forms.error.nationalid' },
};
/** Every country's format fits this; used only when no country is known (draft migration without context). */
const ANY_NATIONAL_ID = /^[A-Z0-9]{5,20}$/;

export const nationalId: Validator<NationalIdField> = (field, input, path, ctx) => {
  const s = str(input).replace(/[\s.\-/]/g, '').toUpperCase();
  if (s === '') return none;
  const country = field.country ?? ctx.country;
  const rule = country ? NATIONAL_ID[country] : { pattern: ANY_NATIONAL_ID, key: 'forms.error.nationalid' as const };
  return rule.pattern.test(s) ? ok(s) : fail(path, rule.key);
};

/**
 * Dossier references `DOS-<year>-<6 characters>`. The characters are taken to be Crockford base32 (the ULID
 * alphabet, without I, L, O, U, which are misread), so a reference read aloud or copied by hand is forgiving:
 * O is read as 0, I and L as 1, case and spaces do not matter. Whether the dossier exists, and belongs to the
 * field's `procedure`, is for the caller to check.
 */
export const dossierLink: Validator<DossierLinkField> = (_field, input, path) => {
  const s = str(input);
  if (s === '') return none;
  const reference = readReference(s);
  return reference ? ok(reference) : fail(path, 'forms.error.dossierlink');
};

/** A dossier reference as people type it, in its written form (`DOS-2026-7K3F9Q`), or null. */
export function readReference(input: string): string | null {
  const m = /^DOS-?(\d{4})-?([0-9A-Z]{6})$/.exec(input.toUpperCase().replace(/\s+/g, ''));
  const code = m?.[2]!.replace(/O/g, '0').replace(/[IL]/g, '1');
  return m && code && /^[0-9A-HJKMNP-TV-Z]{6}$/.test(code) ? `DOS-${m[1]}-${code}` : null;
}

// Human references of dossiers: DOS-2026-7K3F9Q. Six random characters of Crockford's base 32 (no I, L, O,
// U: nothing to misread when dictated on the phone) give a billion per year: unguessable, and revealing no
// volume, unlike a counter.
import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReference(year: number): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `DOS-${year}-${code}`;
}

/** Accepts what people type: lower case, spaces, O for 0 and I/L for 1. */
export function normaliseReference(input: string): string | null {
  const cleaned = input.trim().toUpperCase().replace(/\s+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const m = /^D0S-?(\d{4})-?([0-9A-HJKMNP-TV-Z]{6})$/.exec(cleaned);
  return m ? `DOS-${m[1]}-${m[2]}` : null;
}

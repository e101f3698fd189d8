// Internal identifiers are ULIDs: 26 characters of Crockford's base 32, 10 for the time in milliseconds then
// 16 random (80 bits), so they sort by creation time and cannot be guessed. Drawn from one call to the
// system's random source per id: the `ulid` package asked it once per character, which showed in profiles.
import { randomBytes } from 'node:crypto';

/** An id as newId makes them: what a route checks before an id from an address or a form reaches a query. */
export const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Crockford's base 32: no I, L, O, U, which are misread. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newId(now = Date.now()): string {
  let time = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32]! + time;
  const bytes = randomBytes(10);
  let random = '';
  // 80 bits as 16 groups of 5, read from two 40-bit halves (JavaScript numbers hold 53 bits exactly).
  for (const half of [bytes.readUIntBE(0, 5), bytes.readUIntBE(5, 5)]) {
    for (let i = 7; i >= 0; i--) random += CROCKFORD[Math.floor(half / 32 ** i) % 32]!;
  }
  return time + random;
}

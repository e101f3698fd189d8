// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 30-second steps, 6 digits, which
// is what every authenticator app (FreeOTP, Aegis, Google Authenticator...) expects from an otpauth:// URI.
// Written here on node:crypto (decision 0008): a few dozen lines we can read, instead of a dependency to trust.
import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../crypto/tokens.ts';

export const TOTP_STEP_SECONDS = 30;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'; // RFC 4648 base32

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) out += ALPHABET[(value >>> (bits -= 5)) & 31];
  }
  return bits > 0 ? out + ALPHABET[(value << (5 - bits)) & 31] : out;
}

/** Decodes base32 as people copy it: any case, spaces and '=' padding ignored. Null when not base32. */
export function base32Decode(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff; // only the last bits matter; keeps the number small
    bits += 5;
    if (bits >= 8) bytes.push((value >>> (bits -= 8)) & 0xff);
  }
  return Buffer.from(bytes);
}

/** A new shared secret: 160 random bits, the size RFC 4226 recommends for HMAC-SHA1. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function totpStep(now: number = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_STEP_SECONDS);
}

/** RFC 4226: HMAC-SHA1 of the 8-byte counter, dynamically truncated to `digits` decimal digits. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totp(secret: string, now: number = Date.now(), digits = 6): string {
  return hotp(base32Decode(secret) ?? Buffer.alloc(0), totpStep(now), digits);
}

/**
 * The time step a code belongs to, or null. One step either side is accepted (phone clocks drift and people
 * type slowly); a step at or before `lastStep` — the last one accepted for this secret — is refused, so a code
 * seen over a shoulder or replayed from a log cannot be used again.
 */
export function verifyTotp(secret: string, code: string, opts: { now?: number; lastStep?: number | null } = {}): number | null {
  const key = base32Decode(secret);
  const clean = code.replace(/\s/g, '');
  if (!key || key.length === 0 || !/^\d{6}$/.test(clean)) return null;
  const current = totpStep(opts.now);
  let matched: number | null = null;
  for (const step of [current - 1, current, current + 1]) {
    // Every candidate is compared, in constant time, so timing says nothing about which step matched.
    if (safeEqual(hotp(key, step), clean) && step > (opts.lastStep ?? -1) && matched === null) matched = step;
  }
  return matched;
}

/** The address an authenticator app reads (from the QR code or typed by hand). */
export function otpauthUri(p: { secret: string; account: string; issuer: string }): string {
  const label = encodeURIComponent(`${p.issuer}:${p.account}`);
  const params = new URLSearchParams({ secret: p.secret, issuer: p.issuer, algorithm: 'SHA1', digits: '6', period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${params.toString()}`;
}

// Random tokens and their hashes. Secrets (session ids, codes) are stored hashed so that a database dump
// does not hand out live sessions.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A numeric one-time code of the given length, uniformly drawn. */
export function numericCode(length = 6): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0');
}

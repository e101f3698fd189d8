// Account rules: sign in by phone with a one-time code sent by SMS (which also creates the account), or by
// e-mail and password. Codes are hashed, short-lived, limited in attempts; every entry point is throttled
// per number or account and per IP address.
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/db/ids.ts';
import { numericCode, safeEqual, sha256 } from '../../platform/crypto/tokens.ts';
import { allow } from '../../platform/auth/throttle.ts';
import { queueMessage } from '../../platform/notify/messages.ts';
import type { I18n, MessageKey } from '../../platform/i18n/index.ts';
import type { Country } from '../catalog/pack-schema.ts';
import type { Role } from '../../platform/auth/session.ts';
import { normalisePhone } from './phone.ts';
import * as store from './store.ts';

export const OTP_TTL_MINUTES = 10;
export const OTP_MAX_ATTEMPTS = 5;
const CODES_PER_PHONE_PER_HOUR = 5;
const CODES_PER_IP_PER_HOUR = 20;
const LOGINS_PER_ACCOUNT_PER_15MIN = 5;
const LOGINS_PER_IP_PER_15MIN = 30;

export type Failure = { ok: false; errors: { field: string; key: MessageKey }[] };
export type Result<T> = ({ ok: true } & T) | Failure;

const fail = (field: string, key: MessageKey): Failure => ({ ok: false, errors: [{ field, key }] });

function otpHash(otpId: string, code: string): string {
  return sha256(`${otpId}:${code}`);
}

export async function requestPhoneCode(
  db: Kysely<DB>,
  input: { phone: string; ip: string; country: Country; i18n: I18n },
): Promise<Result<{ phone: string }>> {
  const phone = normalisePhone(input.phone, input.country);
  if (!phone) return fail('phone', 'auth.error.phone');
  if (!(await allow(db, `otp:ip:${input.ip}`, CODES_PER_IP_PER_HOUR, 3600))) return fail('phone', 'auth.error.toomany');
  if (!(await allow(db, `otp:phone:${phone}`, CODES_PER_PHONE_PER_HOUR, 3600))) return fail('phone', 'auth.error.toomany');
  const code = numericCode(6);
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await store.insertOtp(trx, {
      id,
      phone,
      codeHash: otpHash(id, code),
      expiresAt: new Date(Date.now() + OTP_TTL_MINUTES * 60_000),
    });
    await queueMessage(trx, {
      channel: 'sms',
      to: phone,
      body: input.i18n.t('auth.sms.code', { code, minutes: OTP_TTL_MINUTES }),
    });
  });
  return { ok: true, phone };
}

/** Checks the code; on success returns the account of that number, created on first sign-in. */
export async function verifyPhoneCode(
  db: Kysely<DB>,
  input: { phone: string; code: string; name?: string; locale: string },
): Promise<Result<{ userId: string; created: boolean }>> {
  const code = input.code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return fail('code', 'auth.error.codeformat');
  const otp = await store.latestPendingOtp(db, input.phone);
  if (!otp || otp.expires_at.getTime() < Date.now()) return fail('code', 'auth.error.expired');
  // The attempt is counted before the comparison, atomically, so parallel guesses cannot exceed the limit.
  if (!(await store.takeOtpAttempt(db, otp.id, OTP_MAX_ATTEMPTS))) return fail('code', 'auth.error.toomanycodes');
  if (!safeEqual(otp.code_hash, otpHash(otp.id, code))) return fail('code', 'auth.error.wrongcode');
  return db.transaction().execute(async (trx) => {
    if (!(await store.consumeOtp(trx, otp.id))) return fail('code', 'auth.error.expired');
    const existing = await store.findUserByPhone(trx, input.phone);
    if (existing) {
      await store.touchLogin(trx, existing.id);
      return { ok: true as const, userId: existing.id, created: false };
    }
    const userId = newId();
    await store.insertUser(trx, { id: userId, phone: input.phone, name: cleanName(input.name), locale: input.locale });
    await store.touchLogin(trx, userId);
    return { ok: true as const, userId, created: true };
  });
}

const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

export async function registerWithEmail(
  db: Kysely<DB>,
  input: { email: string; password: string; name: string; locale: string },
): Promise<Result<{ userId: string }>> {
  const errors: Failure['errors'] = [];
  const email = emailSchema.safeParse(input.email);
  if (!email.success) errors.push({ field: 'email', key: 'auth.error.email' });
  if (input.password.length < 10) errors.push({ field: 'password', key: 'auth.error.passwordshort' });
  if (input.password.length > 200) errors.push({ field: 'password', key: 'auth.error.passwordlong' });
  if (errors.length > 0 || !email.success) return { ok: false, errors };
  if (await store.findUserByEmail(db, email.data)) return fail('email', 'auth.error.emailtaken');
  const userId = newId();
  await store.insertUser(db, {
    id: userId,
    email: email.data,
    passwordHash: await hashPassword(input.password),
    name: cleanName(input.name),
    locale: input.locale,
  });
  return { ok: true, userId };
}

export async function signInWithEmail(
  db: Kysely<DB>,
  input: { email: string; password: string; ip: string },
): Promise<Result<{ userId: string; role: Role }>> {
  const email = emailSchema.safeParse(input.email);
  if (!email.success) return fail('email', 'auth.error.email');
  if (!(await allow(db, `login:ip:${input.ip}`, LOGINS_PER_IP_PER_15MIN, 900))) return fail('email', 'auth.error.toomany');
  if (!(await allow(db, `login:email:${email.data}`, LOGINS_PER_ACCOUNT_PER_15MIN, 900))) return fail('email', 'auth.error.toomany');
  const user = await store.findUserByEmail(db, email.data);
  // Same answer for an unknown address and a wrong password: the form does not reveal who has an account.
  if (!user?.password_hash || !(await verify(user.password_hash, input.password.slice(0, 200)))) {
    return fail('password', 'auth.error.credentials');
  }
  await store.touchLogin(db, user.id);
  return { ok: true, userId: user.id, role: user.role };
}

export function hashPassword(password: string): Promise<string> {
  // argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
  return hash(password);
}

function cleanName(name: string | undefined): string | undefined {
  const trimmed = name?.trim().replace(/\s+/g, ' ').slice(0, 120);
  return trimmed || undefined;
}

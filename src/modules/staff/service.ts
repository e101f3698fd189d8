// The second factor of staff sign-in: a TOTP code from an app, or a code sent by SMS or e-mail (hashed,
// 10 minutes, 5 attempts, sends throttled), and browsers trusted for 30 days. Also how staff accounts are made.
import type { Kysely, Transaction } from 'kysely';
import type { DB, SecondFactorMethod } from '../../platform/db/schema.ts';
import type { I18n, MessageKey } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/db/ids.ts';
import { numericCode, randomToken, safeEqual, sha256 } from '../../platform/crypto/tokens.ts';
import { allow } from '../../platform/auth/throttle.ts';
import { newTotpSecret, verifyTotp } from '../../platform/auth/totp.ts';
import { queueMessage } from '../../platform/notify/messages.ts';
import { accountStore, hashPassword, maskPhone } from '../accounts/index.ts';
import * as store from './store.ts';

export const CODE_TTL_MINUTES = 10;
export const CODE_MAX_ATTEMPTS = 5;
export const TRUSTED_DEVICE_DAYS = 30;
const CODES_PER_USER_PER_HOUR = 5;
const CODES_PER_IP_PER_HOUR = 20;
// TOTP has no per-code attempt counter: the limit is per person. 10 guesses in 15 minutes against three valid
// codes out of a million leave an attacker a chance in 30 000 per day.
const TOTP_TRIES_PER_USER_PER_15MIN = 10;
const TOTP_TRIES_PER_IP_PER_15MIN = 50;

export type Failure = { ok: false; errors: { field: string; key: MessageKey }[] };
export type Result<T = object> = ({ ok: true } & T) | Failure;
export const fail = (field: string, key: MessageKey): Failure => ({ ok: false, errors: [{ field, key }] });

export interface StaffFactor {
  method: SecondFactorMethod;
  totpSecret: string | null;
  lastStep: number | null;
}

export interface StaffUser {
  id: string;
  email: string | null;
  phone: string | null;
}

/**
 * How this person proves the second factor. Staff made outside invitations (demo data, the CLI) have none
 * configured: they receive codes by e-mail, the address they sign in with, rather than being able to enrol a
 * factor of their choosing with a password alone.
 */
export async function factorOf(db: Kysely<DB>, user: StaffUser): Promise<StaffFactor | null> {
  const row = await store.findSecondFactor(db, user.id);
  if (row) return { method: row.method, totpSecret: row.totp_secret, lastStep: row.totp_last_step === null ? null : Number(row.totp_last_step) };
  return user.email ? { method: 'email', totpSecret: null, lastStep: null } : null;
}

/** Where the code goes, masked for display ("+227 •• •• 34 56", "a•••@justice.ne"). */
export function maskedDestination(user: StaffUser, method: SecondFactorMethod): string {
  if (method === 'sms') return user.phone ? maskPhone(user.phone) : '';
  const [local = '', domain = ''] = (user.email ?? '').split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

function codeHash(id: string, code: string): string {
  return sha256(`staff:${id}:${code}`);
}

/** Sends a code for the second step by the person's channel (SMS or e-mail), within the send limits. */
export async function sendCode(db: Kysely<DB>, input: { user: StaffUser; method: 'sms' | 'email'; ip: string; i18n: I18n }): Promise<Result> {
  const to = input.method === 'sms' ? input.user.phone : input.user.email;
  if (!to) return fail('code', 'staff.error.nodestination');
  if (!(await allow(db, `staffcode:ip:${input.ip}`, CODES_PER_IP_PER_HOUR, 3600))) return fail('code', 'staff.error.toomanysends');
  if (!(await allow(db, `staffcode:user:${input.user.id}`, CODES_PER_USER_PER_HOUR, 3600))) return fail('code', 'staff.error.toomanysends');
  const code = numericCode(6);
  const id = newId();
  const body = input.i18n.t('staff.code.message', { code, minutes: CODE_TTL_MINUTES });
  await db.transaction().execute(async (trx) => {
    await store.insertCode(trx, { id, userId: input.user.id, codeHash: codeHash(id, code), expiresAt: new Date(Date.now() + CODE_TTL_MINUTES * 60_000) });
    await queueMessage(trx, { channel: input.method, to, subject: input.method === 'email' ? input.i18n.t('staff.code.subject') : undefined, body });
  });
  return { ok: true };
}

/** Sends a code unless one is still usable: reloading the page does not spend the person's sends. */
export async function ensureCodeSent(db: Kysely<DB>, input: { user: StaffUser; method: 'sms' | 'email'; ip: string; i18n: I18n }): Promise<Result> {
  const pending = await store.latestPendingCode(db, input.user.id);
  if (pending && pending.expires_at.getTime() > Date.now() && pending.attempts < CODE_MAX_ATTEMPTS) return { ok: true };
  return sendCode(db, input);
}

/** Checks the second factor's code: TOTP (each code once) or the last code sent. */
export async function verifySecondFactor(db: Kysely<DB>, input: { user: StaffUser; factor: StaffFactor; code: string; ip: string }): Promise<Result> {
  const code = input.code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return fail('code', 'staff.error.codeformat');
  if (input.factor.method === 'totp') return verifyTotpCode(db, input.user.id, input.factor, code, input.ip);
  const pending = await store.latestPendingCode(db, input.user.id);
  if (!pending || pending.expires_at.getTime() < Date.now()) return fail('code', 'staff.error.expired');
  if (!(await store.takeCodeAttempt(db, pending.id, CODE_MAX_ATTEMPTS))) return fail('code', 'staff.error.toomanycodes');
  if (!safeEqual(pending.code_hash, codeHash(pending.id, code))) return fail('code', 'staff.error.wrongcode');
  if (!(await store.consumeCode(db, pending.id))) return fail('code', 'staff.error.expired');
  return { ok: true };
}

async function verifyTotpCode(db: Kysely<DB>, userId: string, factor: StaffFactor, code: string, ip: string): Promise<Result> {
  if (!(await allow(db, `totp:ip:${ip}`, TOTP_TRIES_PER_IP_PER_15MIN, 900))) return fail('code', 'staff.error.toomanytries');
  if (!(await allow(db, `totp:user:${userId}`, TOTP_TRIES_PER_USER_PER_15MIN, 900))) return fail('code', 'staff.error.toomanytries');
  const secret = factor.totpSecret ?? '';
  const step = verifyTotp(secret, code, { lastStep: factor.lastStep });
  if (step === null) {
    // A right code of a step already used is a replay (or a double submit): say so, it is not a typo.
    const used = verifyTotp(secret, code) !== null;
    return fail('code', used ? 'staff.error.codeused' : 'staff.error.wrongcode');
  }
  // Two requests racing with the same code: only one takes the step.
  if (!(await store.takeTotpStep(db, userId, step))) return fail('code', 'staff.error.codeused');
  return { ok: true };
}

// --- trusted browsers --------------------------------------------------------------------------------------

/** Trusts this browser for 30 days; returns the cookie value (only its hash is stored). */
export async function trustDevice(db: Kysely<DB>, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + TRUSTED_DEVICE_DAYS * 86_400_000);
  await store.insertTrustedDevice(db, { tokenHash: sha256(token), userId, expiresAt });
  return { token, expiresAt };
}

/** Whether the cookie is a live trust of this very person (a shared browser trusted by someone else is not). */
export async function isTrustedDevice(db: Kysely<DB>, token: string | undefined, userId: string): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const row = await store.findTrustedDevice(db, sha256(token));
  return row !== undefined && row.user_id === userId && row.expires_at.getTime() > Date.now();
}

// --- staff accounts ----------------------------------------------------------------------------------------

export interface NewStaffUser {
  email: string;
  password?: string;
  name: string;
  role: 'agent' | 'manager' | 'operator';
  administrationId: string | null;
  phone?: string;
  secondFactor: SecondFactorMethod;
  /** Base32; drawn when the factor is TOTP and none is given. */
  totpSecret?: string;
  /** The TOTP step already used to confirm enrolment, so that code cannot be replayed at sign-in. */
  totpLastStep?: number;
  locale?: string;
}

/** Creates a staff member with their second factor (in the caller's transaction when given one). */
export async function createStaffUser(db: Kysely<DB> | Transaction<DB>, input: NewStaffUser): Promise<{ userId: string; totpSecret: string | null }> {
  if (input.secondFactor === 'sms' && !input.phone) throw new Error('an SMS second factor needs a phone number');
  const totpSecret = input.secondFactor === 'totp' ? (input.totpSecret ?? newTotpSecret()) : null;
  const userId = newId();
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const write = async (trx: Kysely<DB> | Transaction<DB>) => {
    await accountStore.insertUser(trx, {
      id: userId,
      email: input.email.trim().toLowerCase(),
      phone: input.phone,
      passwordHash,
      name: input.name,
      role: input.role,
      administrationId: input.administrationId ?? undefined,
      locale: input.locale,
    });
    await store.setSecondFactor(trx, { userId, method: input.secondFactor, totpSecret, lastStep: input.totpLastStep ?? null });
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
  return { userId, totpSecret };
}

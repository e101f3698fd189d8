// SQL of accounts: users and one-time codes.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { Role } from '../../platform/auth/session.ts';

type Q = Kysely<DB> | Transaction<DB>;

export function findUserByPhone(db: Q, phone: string) {
  return db.selectFrom('users').select(['id', 'name']).where('phone', '=', phone).executeTakeFirst();
}

export function findUserByEmail(db: Q, email: string) {
  return db.selectFrom('users').select(['id', 'password_hash', 'role']).where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Q, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Q,
  user: { id: string; phone?: string; email?: string; passwordHash?: string; name?: string; role?: Role; administrationId?: string; locale?: string },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      phone: user.phone ?? null,
      email: user.email ?? null,
      password_hash: user.passwordHash ?? null,
      name: user.name ?? null,
      role: user.role ?? 'applicant',
      administration_id: user.administrationId ?? null,
      locale: user.locale ?? null,
    })
    .execute();
}

export async function touchLogin(db: Q, id: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', id).execute();
}

export async function insertOtp(db: Q, otp: { id: string; phone: string; codeHash: string; expiresAt: Date }) {
  // A new code replaces any earlier one still pending for the number.
  await db.updateTable('otp_codes').set({ used_at: new Date() }).where('phone', '=', otp.phone).where('used_at', 'is', null).execute();
  await db
    .insertInto('otp_codes')
    .values({ id: otp.id, phone: otp.phone, code_hash: otp.codeHash, expires_at: otp.expiresAt })
    .execute();
}

export function latestPendingOtp(db: Q, phone: string) {
  return db
    .selectFrom('otp_codes')
    .selectAll()
    .where('phone', '=', phone)
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Counts one attempt at the code; false when the limit of attempts is already reached. */
export async function takeOtpAttempt(db: Q, id: string, max: number): Promise<boolean> {
  const res = await db
    .updateTable('otp_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', max)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Marks the code used; false if another request used it first (a code works once, even under a race). */
export async function consumeOtp(db: Q, id: string): Promise<boolean> {
  const res = await db.updateTable('otp_codes').set({ used_at: new Date() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// For staff, a right password is only the first of two factors. The session it opens is marked with the time
// of that password, so the back office's second step (modules/staff) can tell it from a session opened by an
// SMS code alone, and asks the password again once the mark is old.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { startSession, type CookieOptions, type Session } from '../../platform/auth/session.ts';

const PASSWORD_STEP_MINUTES = 15;

/** Like rotateSession, but the new session starts with `data` (rotateSession starts it empty). */
export async function rotateSessionWith(
  db: Kysely<DB>,
  req: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  opts: CookieOptions,
  data: Record<string, unknown>,
): Promise<void> {
  if (req.session) await db.deleteFrom('sessions').where('id_hash', '=', req.session.idHash).execute();
  const { idHash } = await startSession(db, reply, userId, opts);
  await db.updateTable('sessions').set({ data: JSON.stringify(data) }).where('id_hash', '=', idHash).execute();
}

/** Signs a staff member in after their password, keeping the page they were going to for after the second step. */
export async function signInAfterPassword(db: Kysely<DB>, req: FastifyRequest, reply: FastifyReply, userId: string, opts: CookieOptions) {
  const returnTo = req.session?.data.returnTo;
  await rotateSessionWith(db, req, reply, userId, opts, { passwordAt: Date.now(), ...(typeof returnTo === 'string' ? { returnTo } : {}) });
}

/** Whether this session's user typed their password in the last few minutes. */
export function passwordStepFresh(session: Session | null): boolean {
  const at = session?.data.passwordAt;
  if (typeof at !== 'number') return false;
  const age = Date.now() - at;
  return age >= 0 && age < PASSWORD_STEP_MINUTES * 60_000;
}

// Sessions live in the database (any instance can serve any request) behind an HttpOnly SameSite=Lax cookie
// holding a random id; only its hash is stored. Each session carries the CSRF token of its forms.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { PREPARED } from '../db/database.ts';
import { randomToken, sha256 } from '../crypto/tokens.ts';

export const SESSION_COOKIE = 'gsid';
// Phones are often shared: a signed-in session lasts a week, an anonymous one (a form's CSRF token) a day.
const USER_SESSION_DAYS = 7;
const ANONYMOUS_SESSION_DAYS = 1;

export type Role = 'applicant' | 'agent' | 'manager' | 'operator';

export interface SessionUser {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  role: Role;
  administrationId: string | null;
}

export interface Session {
  idHash: string;
  csrfToken: string;
  user: SessionUser | null;
  /** Small state carried between the steps of a flow (e.g. the phone number awaiting its code). */
  data: Record<string, unknown>;
}

interface SessionRow {
  id_hash: string;
  csrf_token: string;
  data: Record<string, unknown> | null;
  user_id: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  role: Role | null;
  administration_id: string | null;
}

export async function loadSession(db: Kysely<DB>, cookieValue: string | undefined): Promise<Session | null> {
  if (!cookieValue || cookieValue.length > 100) return null;
  // Every request with a cookie runs this: prepared, so PostgreSQL does not parse and plan it each time.
  const { rows } = await sql<SessionRow>`${PREPARED}
    SELECT s.id_hash, s.csrf_token, s.data, u.id AS user_id, u.name, u.phone, u.email, u.role, u.administration_id
    FROM sessions s LEFT JOIN users u ON u.id = s.user_id
    WHERE s.id_hash = ${sha256(cookieValue)} AND s.expires_at > ${new Date()}`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    idHash: row.id_hash,
    csrfToken: row.csrf_token,
    data: row.data ?? {},
    user: row.user_id
      ? {
          id: row.user_id,
          name: row.name,
          phone: row.phone,
          email: row.email,
          role: row.role!,
          administrationId: row.administration_id,
        }
      : null,
  };
}

export interface CookieOptions {
  secure: boolean;
}

/** Starts a new session (anonymous, or for a user who just signed in) and sets its cookie. */
export async function startSession(
  db: Kysely<DB>,
  reply: FastifyReply,
  userId: string | null,
  opts: CookieOptions,
): Promise<{ idHash: string; csrfToken: string }> {
  const id = randomToken();
  const csrfToken = randomToken(24);
  const expires = new Date(Date.now() + (userId ? USER_SESSION_DAYS : ANONYMOUS_SESSION_DAYS) * 86_400_000);
  const idHash = sha256(id);
  await db
    .insertInto('sessions')
    .values({ id_hash: idHash, user_id: userId, csrf_token: csrfToken, expires_at: expires })
    .execute();
  reply.setCookie(SESSION_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure,
    expires,
  });
  return { idHash, csrfToken };
}

/**
 * Signing in rotates the session: the old id (which may have been planted by an attacker before login)
 * is destroyed and a fresh one is issued.
 */
export async function rotateSession(
  db: Kysely<DB>,
  req: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  opts: CookieOptions,
): Promise<void> {
  if (req.session) await db.deleteFrom('sessions').where('id_hash', '=', req.session.idHash).execute();
  await startSession(db, reply, userId, opts);
}

export async function saveSessionData(db: Kysely<DB>, session: Session, data: Record<string, unknown>): Promise<void> {
  session.data = data;
  await db.updateTable('sessions').set({ data: JSON.stringify(data) }).where('id_hash', '=', session.idHash).execute();
}

export async function endSession(db: Kysely<DB>, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.session) await db.deleteFrom('sessions').where('id_hash', '=', req.session.idHash).execute();
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Where to go after signing in: the page that asked for it, kept in the session (a local path only, never
 * another site: `//evil.example` and `/\evil.example` are refused).
 */
export function returnPath(session: Session | null): string | undefined {
  const value = session?.data.returnTo;
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : undefined;
}

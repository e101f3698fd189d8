// The gate of the back office (/agent): a signed-in agent, manager or operator who has also passed the second
// factor in this session. A password alone never opens a citizen's dossier.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/errors.tsx';
import { saveSessionData, startSession, type Role, type Session, type SessionUser } from './session.ts';

export const STAFF_ROLES: readonly Role[] = ['agent', 'manager', 'operator'];
export const AGENT_SIGN_IN = '/agent/connexion';
export const SECOND_FACTOR_PAGE = '/agent/connexion/verification';

export function isStaffRole(role: Role | undefined): boolean {
  return role !== undefined && STAFF_ROLES.includes(role);
}

/** Set by the second-factor step (or a trusted device) once the password was right. */
export function hasSecondFactor(session: Session | null): boolean {
  return session?.data.secondFactor === true;
}

/**
 * The staff member behind the request, or null after sending them where they must go: to the agent sign-in
 * (remembering the page), or to the second factor. Anyone else signed in gets a 403 page.
 */
export async function requireStaff(req: FastifyRequest, reply: FastifyReply): Promise<SessionUser | null> {
  const session = req.session;
  const user = session?.user ?? null;
  if (!user) {
    if (req.method === 'GET') {
      // A first visit has no session yet: one is started so the page asked for is found again after signing in.
      const current = session ?? (await startAnonymous(req, reply));
      await saveSessionData(req.server.ctx.db, current, { ...current.data, returnTo: req.url });
    }
    void reply.redirect(AGENT_SIGN_IN, 303);
    return null;
  }
  if (!isStaffRole(user.role)) throw new HttpProblem(403, 'error.forbidden');
  if (!hasSecondFactor(session)) {
    void reply.redirect(SECOND_FACTOR_PAGE, 303);
    return null;
  }
  return user;
}

async function startAnonymous(req: FastifyRequest, reply: FastifyReply): Promise<Session> {
  const { idHash, csrfToken } = await startSession(req.server.ctx.db, reply, null, { secure: req.server.ctx.config.production });
  return (req.session = { idHash, csrfToken, user: null, data: {} });
}

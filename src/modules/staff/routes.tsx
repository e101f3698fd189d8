// Agent sign-in: e-mail and password (the accounts module checks them), then the second factor, unless this
// browser was trusted by this person in the last 30 days. Only then is the session marked `secondFactor`,
// which the back office's gate (platform/auth/staff.ts) requires.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formContext, pageContext, sendPage } from '../../platform/ui/render.ts';
import { returnPath, type SessionUser } from '../../platform/auth/session.ts';
import { AGENT_SIGN_IN, hasSecondFactor, isStaffRole, SECOND_FACTOR_PAGE } from '../../platform/auth/staff.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { formField } from '../../platform/http/form.ts';
import type { FieldError } from '../../platform/ui/components.tsx';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { passwordStepFresh, rotateSessionWith, signInAfterPassword, signInWithEmail } from '../accounts/index.ts';
import * as service from './service.ts';
import { AGENT_HOME, RESEND_PATH, TRUST_COOKIE, TRUST_COOKIE_PATH } from './paths.ts';
import { AgentSignInPage, VerificationPage } from './views/sign-in.tsx';

// Per-IP request limits on the sign-in steps, on top of the per-person limits kept in the database.
export const authLimit = { config: { rateLimit: { max: 20, timeWindow: 60_000 } } };

export const translateErrors = (req: FastifyRequest, errors: { field: string; key: MessageKey }[]): FieldError[] =>
  errors.map((e) => ({ field: e.field, message: req.i18n.t(e.key) }));

export async function signInRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;
  const cookieOpts = { secure: config.production };

  /** Marks the session as having passed both factors, in a new session id, and goes where the agent was going. */
  const complete = async (req: FastifyRequest, reply: FastifyReply, userId: string, trust: boolean) => {
    const next = returnPath(req.session) ?? AGENT_HOME;
    if (trust) {
      const { token, expiresAt } = await service.trustDevice(db, userId);
      reply.setCookie(TRUST_COOKIE, token, { path: TRUST_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: config.production, expires: expiresAt });
    }
    await rotateSessionWith(db, req, reply, userId, cookieOpts, { secondFactor: true });
    return reply.redirect(next, 303);
  };

  /**
   * The staff member between the two steps, with their factor; null after sending anyone else where they
   * belong: not signed in, or signed in without a recent password (by SMS code, or too long ago) → the
   * password page; already through both steps → on their way.
   */
  const between = async (req: FastifyRequest, reply: FastifyReply): Promise<{ user: SessionUser; factor: service.StaffFactor } | null> => {
    const user = req.session?.user;
    if (!user || !isStaffRole(user.role)) {
      void reply.redirect(AGENT_SIGN_IN, 303);
      return null;
    }
    if (hasSecondFactor(req.session)) {
      void reply.redirect(returnPath(req.session) ?? AGENT_HOME, 303);
      return null;
    }
    if (!passwordStepFresh(req.session)) {
      void reply.redirect(`${AGENT_SIGN_IN}?expire=1`, 303);
      return null;
    }
    const factor = await service.factorOf(db, user);
    if (!factor) throw new HttpProblem(403, 'staff.error.nofactor');
    return { user, factor };
  };

  app.get(AGENT_SIGN_IN, async (req, reply) => {
    if (req.session?.user && isStaffRole(req.session.user.role) && hasSecondFactor(req.session)) return reply.redirect(AGENT_HOME, 303);
    const expired = (req.query as Record<string, unknown>).expire === '1';
    return sendPage(reply, <AgentSignInPage ctx={await formContext(req, reply)} expired={expired} />);
  });

  app.post(AGENT_SIGN_IN, authLimit, async (req, reply) => {
    const email = formField(req.body, 'email', 300);
    const result = await signInWithEmail(db, { email, password: formField(req.body, 'password', 1000), ip: req.ip });
    const errors = !result.ok ? result.errors : isStaffRole(result.role) ? [] : [{ field: 'email', key: 'staff.error.notstaff' as const }];
    if (!result.ok || errors.length > 0) {
      return sendPage(reply, <AgentSignInPage ctx={pageContext(req)} errors={translateErrors(req, errors)} email={email} />, 400);
    }
    await signInAfterPassword(db, req, reply, result.userId, cookieOpts);
    return reply.redirect(SECOND_FACTOR_PAGE, 303);
  });

  app.get(SECOND_FACTOR_PAGE, async (req, reply) => {
    const step = await between(req, reply);
    if (!step) return reply;
    const { user, factor } = step;
    if (await service.isTrustedDevice(db, req.cookies[TRUST_COOKIE], user.id)) return complete(req, reply, user.id, false);
    let errors: FieldError[] = [];
    if (factor.method !== 'totp') {
      const sent = await service.ensureCodeSent(db, { user, method: factor.method, ip: req.ip, i18n: req.i18n });
      if (!sent.ok) errors = translateErrors(req, sent.errors);
    }
    const resent = (req.query as Record<string, unknown>).envoye === '1';
    const page = <VerificationPage ctx={await formContext(req, reply)} method={factor.method} destination={service.maskedDestination(user, factor.method)} errors={errors} resent={resent} />;
    return sendPage(reply, page);
  });

  app.post(SECOND_FACTOR_PAGE, authLimit, async (req, reply) => {
    const step = await between(req, reply);
    if (!step) return reply;
    const { user, factor } = step;
    const result = await service.verifySecondFactor(db, { user, factor, code: formField(req.body, 'code', 20), ip: req.ip });
    if (!result.ok) {
      const page = <VerificationPage ctx={pageContext(req)} method={factor.method} destination={service.maskedDestination(user, factor.method)} errors={translateErrors(req, result.errors)} />;
      return sendPage(reply, page, 400);
    }
    return complete(req, reply, user.id, formField(req.body, 'trust', 10) === 'on');
  });

  app.post(RESEND_PATH, authLimit, async (req, reply) => {
    const step = await between(req, reply);
    if (!step) return reply;
    const { user, factor } = step;
    if (factor.method === 'totp') return reply.redirect(SECOND_FACTOR_PAGE, 303);
    const sent = await service.sendCode(db, { user, method: factor.method, ip: req.ip, i18n: req.i18n });
    if (!sent.ok) {
      const page = <VerificationPage ctx={pageContext(req)} method={factor.method} destination={service.maskedDestination(user, factor.method)} errors={translateErrors(req, sent.errors)} />;
      return sendPage(reply, page, 429);
    }
    return reply.redirect(`${SECOND_FACTOR_PAGE}?envoye=1`, 303);
  });
}

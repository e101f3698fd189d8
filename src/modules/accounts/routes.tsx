// Sign-up, sign-in (phone + SMS code, or e-mail + password), sign-out and the account page.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formContext, pageContext, sendPage } from '../../platform/ui/render.ts';
import { endSession, returnPath, rotateSession, saveSessionData } from '../../platform/auth/session.ts';
import { formField } from '../../platform/http/form.ts';
import { isStaffRole, SECOND_FACTOR_PAGE } from '../../platform/auth/staff.ts';
import { signInAfterPassword } from './password-step.ts';
import type { FieldError } from '../../platform/ui/components.tsx';
import * as service from './service.ts';
import { maskPhone } from './phone.ts';
import { SignInPage, SignUpPage } from './views/sign-in.tsx';
import { CodePage } from './views/code.tsx';
import { AccountPage } from './views/account.tsx';

// Per-IP request limits on the sign-in endpoints, on top of the per-account limits kept in the database.
const authLimit = { config: { rateLimit: { max: 20, timeWindow: 60_000 } } };

export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;
  const cookieOpts = { secure: config.production };

  const translateErrors = (req: FastifyRequest, errors: service.Failure['errors']): FieldError[] =>
    errors.map((e) => ({ field: e.field, message: req.i18n.t(e.key) }));

  app.get('/connexion', async (req, reply) => sendPage(reply, <SignInPage ctx={await formContext(req, reply)} />));
  app.get('/inscription', async (req, reply) => sendPage(reply, <SignUpPage ctx={await formContext(req, reply)} />));

  app.post('/connexion/telephone', authLimit, async (req, reply) => {
    const phone = formField(req.body, 'phone', 40);
    const name = formField(req.body, 'name', 120);
    const result = await service.requestPhoneCode(db, { phone, ip: req.ip, country: config.country, i18n: req.i18n });
    if (!result.ok) {
      const ctx = pageContext(req);
      const errors = translateErrors(req, result.errors);
      const fromSignUp = (req.headers.referer ?? '').includes('/inscription');
      const Page = fromSignUp ? SignUpPage : SignInPage;
      return sendPage(reply, <Page ctx={ctx} errors={errors} values={{ phone, name }} />, 400);
    }
    await saveSessionData(db, req.session!, { ...req.session!.data, pendingPhone: result.phone, pendingName: name || undefined });
    return reply.redirect('/connexion/code', 303);
  });

  app.get('/connexion/code', async (req, reply) => {
    const phone = pendingPhone(req);
    if (!phone) return reply.redirect('/connexion', 303);
    return sendPage(reply, <CodePage ctx={await formContext(req, reply)} phone={phone} maskedPhone={maskPhone(phone)} />);
  });

  app.post('/connexion/code', authLimit, async (req, reply) => {
    const phone = pendingPhone(req);
    if (!phone) return reply.redirect('/connexion', 303);
    const result = await service.verifyPhoneCode(db, {
      phone,
      code: formField(req.body, 'code', 20),
      name: typeof req.session?.data.pendingName === 'string' ? req.session.data.pendingName : undefined,
      locale: req.locale,
    });
    if (!result.ok) {
      const page = <CodePage ctx={pageContext(req)} phone={phone} maskedPhone={maskPhone(phone)} errors={translateErrors(req, result.errors)} />;
      return sendPage(reply, page, 400);
    }
    const next = returnPath(req.session);
    await rotateSession(db, req, reply, result.userId, cookieOpts);
    return reply.redirect(next ?? (result.created ? '/mon-compte?bienvenue=1' : '/mon-compte'), 303);
  });

  app.post('/inscription/email', authLimit, async (req, reply) => {
    const values = { email: formField(req.body, 'email', 300), ename: formField(req.body, 'ename', 120) };
    const result = await service.registerWithEmail(db, {
      email: values.email,
      password: formField(req.body, 'password', 1000),
      name: values.ename,
      locale: req.locale,
    });
    if (!result.ok) {
      return sendPage(reply, <SignUpPage ctx={pageContext(req)} errors={translateErrors(req, result.errors)} values={values} />, 400);
    }
    const next = returnPath(req.session);
    await rotateSession(db, req, reply, result.userId, cookieOpts);
    return reply.redirect(next ?? '/mon-compte?bienvenue=1', 303);
  });

  app.post('/connexion/email', authLimit, async (req, reply) => {
    const email = formField(req.body, 'email', 300);
    const result = await service.signInWithEmail(db, { email, password: formField(req.body, 'password', 1000), ip: req.ip });
    if (!result.ok) {
      return sendPage(reply, <SignInPage ctx={pageContext(req)} errors={translateErrors(req, result.errors)} values={{ email }} />, 400);
    }
    if (isStaffRole(result.role)) {
      // Staff: the password is the first factor only; the back office asks for the second one.
      await signInAfterPassword(db, req, reply, result.userId, cookieOpts);
      return reply.redirect(SECOND_FACTOR_PAGE, 303);
    }
    const next = returnPath(req.session);
    await rotateSession(db, req, reply, result.userId, cookieOpts);
    return reply.redirect(next ?? '/mon-compte', 303);
  });

  app.post('/deconnexion', async (req, reply) => {
    await endSession(db, req, reply);
    return reply.redirect('/', 303);
  });

  app.get('/mon-compte', async (req, reply) => {
    if (!req.session?.user) return reply.redirect('/connexion', 303);
    const welcome = (req.query as Record<string, unknown>).bienvenue === '1';
    return sendPage(reply, <AccountPage ctx={pageContext(req)} welcome={welcome} />);
  });
}

function pendingPhone(req: FastifyRequest): string | undefined {
  const value = req.session?.data.pendingPhone;
  return typeof value === 'string' ? value : undefined;
}


// The applicant's payment step (/dossiers/:id/paiement), the providers' notifications
// (/api/v1/payments/notify/:provider: server to server, no session, hence under /api/ where no CSRF token is
// asked; the provider's signature stands in for it).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formContext, pageContext, sendPage } from '../../platform/ui/render.ts';
import { saveSessionData, type SessionUser } from '../../platform/auth/session.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { formField } from '../../platform/http/form.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { dossierPath } from '../dossiers/index.ts';
import { offeredOperators } from './operators.ts';
import { checkAgain, handleNotification, isSettled, notifyPath, payableOfApplicant, startPayment, type PaymentsEnv } from './service.ts';
import { paymentsEnvOf } from './env.ts';
import * as store from './store.ts';
import { checkPath, payPath, PaymentPage } from './views/payment-page.tsx';
import { ULID as ID } from '../../platform/db/ids.ts';

type IdParams = { Params: { id: string } };
const PROVIDER = /^[a-z]{2,20}$/;

export async function paymentRoutes(app: FastifyInstance): Promise<void> {
  const env = paymentsEnvOf(app.ctx);
  const { db } = app.ctx;

  async function applicant(req: FastifyRequest, reply: FastifyReply, comeBack: string): Promise<SessionUser | null> {
    if (req.session?.user) return req.session.user;
    await formContext(req, reply);
    await saveSessionData(db, req.session!, { ...req.session!.data, returnTo: comeBack });
    reply.redirect('/connexion', 303);
    return null;
  }

  async function render(req: FastifyRequest<IdParams>, reply: FastifyReply, user: SessionUser, status = 200, errors: { field: string; key: MessageKey }[] = [], posted?: { operator: string; phone: string }) {
    const due = ID.test(req.params.id) ? await payableOfApplicant(db, req.params.id, user.id, req.locale) : undefined;
    if (!due) throw new HttpProblem(404, 'payments.error.notfound');
    // Filed (or, on acceptance, paid): the payment was confirmed; the dossier's page says so and holds the receipt.
    if (isSettled(due)) return reply.redirect(due.purpose === 'submission' ? `${dossierPath(due.dossierId)}?depose=1` : dossierPath(due.dossierId), 303);
    const [latest] = await store.paymentsOfDossier(db, due.dossierId, due.purpose);
    const ctx = status === 200 ? await formContext(req, reply) : pageContext(req);
    reply.header('cache-control', 'private, no-store');
    const page = (
      <PaymentPage
        ctx={ctx}
        due={due}
        operators={offeredOperators(app.ctx.config.payments.operators)}
        latest={latest}
        available={!!env.providers.active}
        sandbox={env.providers.active?.name === 'sandbox'}
        errors={errors}
        posted={posted}
      />
    );
    return sendPage(reply, page, status);
  }

  app.get<IdParams>('/dossiers/:id/paiement', async (req, reply) => {
    const user = await applicant(req, reply, req.url);
    if (!user) return reply;
    return render(req, reply, user);
  });

  app.post<IdParams>('/dossiers/:id/paiement', async (req, reply) => {
    const user = await applicant(req, reply, payPath(req.params.id));
    if (!user) return reply;
    if (!ID.test(req.params.id)) throw new HttpProblem(404, 'payments.error.notfound');
    const posted = { operator: formField(req.body, 'operateur', 20), phone: formField(req.body, 'telephone', 40) };
    const result = await startPayment(env, { dossierId: req.params.id, applicantId: user.id, ...posted, locale: req.locale, now: new Date() });
    if (result.ok) return reply.redirect(result.redirect ?? payPath(req.params.id), 303);
    switch (result.reason) {
      case 'not-found':
        throw new HttpProblem(404, 'payments.error.notfound');
      case 'paid':
        return reply.redirect(dossierPath(req.params.id), 303);
      case 'operator':
        return render(req, reply, user, 400, [{ field: 'operateur', key: 'payments.error.operator' }], posted);
      case 'phone':
        return render(req, reply, user, 400, [{ field: 'telephone', key: 'payments.error.phone' }], posted);
      case 'unavailable':
        return render(req, reply, user, 409, [], posted);
      case 'provider':
        return render(req, reply, user, 502, [{ field: 'operateur', key: 'payments.error.provider' }], posted);
      case 'busy':
        return render(req, reply, user, 429, [{ field: 'operateur', key: 'payments.error.busy' }], posted);
    }
  });

  // For public/payment.js: is the dossier still waiting for an attempt to be settled? Reads only our database.
  app.get<IdParams>('/dossiers/:id/paiement/etat', async (req, reply) => {
    const user = req.session?.user;
    const due = user && ID.test(req.params.id) ? await payableOfApplicant(db, req.params.id, user.id, req.locale) : undefined;
    if (!due) return reply.code(404).header('cache-control', 'private, no-store').send({ waiting: false });
    const [latest] = await store.paymentsOfDossier(db, due.dossierId, due.purpose);
    const waiting = !isSettled(due) && !!latest && (latest.status === 'created' || latest.status === 'pending');
    return reply.header('cache-control', 'private, no-store').send({ waiting });
  });

  app.post<IdParams>('/dossiers/:id/paiement/verifier', async (req, reply) => {
    const user = await applicant(req, reply, payPath(req.params.id));
    if (!user) return reply;
    const known = ID.test(req.params.id) && (await checkAgain(env, { dossierId: req.params.id, applicantId: user.id, locale: req.locale, now: new Date() }));
    if (!known) throw new HttpProblem(404, 'payments.error.notfound');
    return reply.redirect(payPath(req.params.id), 303);
  });

  // Notifications keep their body as sent: a signature is over bytes (or fields) we must not reinterpret.
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    // A provider's servers send every payer's notification from a few addresses: the per-address limit of
    // citizens' pages would drop them at the busiest hour, so theirs is higher (50 a second); it still bounds
    // what a forger can make us write (a rejected message is kept, cut to 4 KB).
    raw.post<{ Params: { provider: string } }>(notifyPath(':provider'), { config: { rateLimit: { max: 3000, timeWindow: 60_000 } } }, async (req, reply) => {
      if (!PROVIDER.test(req.params.provider)) return reply.code(404).send({ error: 'unknown provider' });
      const answer = await notify(env, req.params.provider, req.headers, typeof req.body === 'string' ? req.body : '');
      return reply.code(answer.code).send({ outcome: answer.outcome });
    });
    // Some aggregators (CinetPay) check that the address answers before using it.
    raw.get(notifyPath(':provider'), async (_req, reply) => reply.send({ ok: true }));
  });
}

function notify(env: PaymentsEnv, provider: string, headers: FastifyRequest['headers'], body: string) {
  return handleNotification(env, { provider, headers, body, now: new Date() });
}

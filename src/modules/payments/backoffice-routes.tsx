// GET /agent/paiements (a manager's payments page) and POST /agent/paiements/:id/remboursement (record a
// refund with its reason). Authorization in backoffice.ts: managers, their administration only.
import type { FastifyInstance } from 'fastify';
import { pageContext, sendPage } from '../../platform/ui/render.ts';
import { requireStaff } from '../../platform/auth/staff.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { formField } from '../../platform/http/form.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { flaggedPayments, paymentScope, REASON_MAX, refundPayment, totalsByDay } from './backoffice.ts';
import { PAYMENTS_PAGE, PaymentsBackOffice, RECONCILE_PATH } from './views/backoffice-page.tsx';
import { paymentsEnvOf } from './env.ts';
import { reconcile, type ReconciliationReport } from './reconcile.ts';
import { parseStatement } from './statement.ts';
import { ULID as ID } from '../../platform/db/ids.ts';

const DAYS = 30;

export async function paymentBackOfficeRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;

  async function page(
    req: Parameters<typeof pageContext>[0],
    scope: string[],
    extra: { notice?: 'refunded'; failed?: { paymentId: string; key: MessageKey; reason: string }; report?: ReconciliationReport; statementError?: string } = {},
  ) {
    const since = new Date(Date.now() - DAYS * 86_400_000);
    const [totals, flagged] = await Promise.all([totalsByDay(db, scope, { timeZone: config.timeZone, since }), flaggedPayments(db, scope)]);
    return <PaymentsBackOffice ctx={pageContext(req)} days={DAYS} totals={totals} flagged={flagged} {...extra} />;
  }

  app.get<{ Querystring: { rembourse?: string } }>(PAYMENTS_PAGE, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const scope = await paymentScope(db, user);
    if (!scope) throw new HttpProblem(403, 'payments.error.notmanager');
    reply.header('cache-control', 'private, no-store');
    return sendPage(reply, await page(req, scope, { notice: req.query.rembourse === '1' ? 'refunded' : undefined }));
  });

  app.post<{ Params: { id: string } }>(`${PAYMENTS_PAGE}/:id/remboursement`, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const scope = await paymentScope(db, user);
    if (!scope) throw new HttpProblem(403, 'payments.error.notmanager');
    if (!ID.test(req.params.id)) throw new HttpProblem(404, 'payments.error.notfound');
    const reason = formField(req.body, `raison-${req.params.id}`, REASON_MAX + 100);
    const result = await refundPayment(db, user, { paymentId: req.params.id, reason, now: new Date() });
    if (result.ok) return reply.redirect(`${PAYMENTS_PAGE}?rembourse=1`, 303);
    if (result.reason === 'not-found') throw new HttpProblem(404, 'payments.error.notfound');
    const key: MessageKey = result.reason === 'reason' ? 'payments.error.reason' : 'payments.error.state';
    return sendPage(reply, await page(req, scope, { failed: { paymentId: req.params.id, key, reason } }), result.reason === 'reason' ? 400 : 409);
  });

  app.post(RECONCILE_PATH, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const scope = await paymentScope(db, user);
    if (!scope) throw new HttpProblem(403, 'payments.error.notmanager');
    const file = req.isMultipart() ? await req.file() : undefined;
    const text = file ? (await file.toBuffer()).toString('utf8') : '';
    if (!text.trim()) return sendPage(reply, await page(req, scope, { statementError: req.i18n.t('payments.error.statement.file') }), 400);
    const parsed = parseStatement(text);
    if (!parsed.ok) {
      const message = req.i18n.t(`payments.error.statement.${parsed.reason}` as MessageKey, { line: parsed.line ?? 0 });
      return sendPage(reply, await page(req, scope, { statementError: message }), 400);
    }
    const report = await reconcile(paymentsEnvOf(app.ctx), user, parsed.lines, new Date());
    return sendPage(reply, await page(req, scope, { report: report! }));
  });
}

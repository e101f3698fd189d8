// /agent/routage: a manager's pages to set how his procedures are processed and which team gets which dossier.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireStaff } from '../../platform/auth/staff.ts';
import { formField } from '../../platform/http/form.ts';
import { formContext, sendPage } from '../../platform/ui/render.ts';
import * as settings from './routing-settings.ts';
import { ROUTING, routingPath } from './paths.ts';
import { RoutingIndexPage, RoutingPage, type RoutingNotice } from './views/routing-page.tsx';


type ProcedureRequest = FastifyRequest<{ Params: { procedureId: string }; Querystring: { fait?: string } }>;
const NOTICES: readonly RoutingNotice[] = ['saved', 'team', 'delay', 'silence', 'reminder', 'conditions', 'field', 'value', 'rule'];

export async function routingRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.ctx;

  app.get(ROUTING, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const procedures = await settings.managedProcedures(db, user, req.locale);
    return sendPage(reply, <RoutingIndexPage ctx={await formContext(req, reply)} procedures={procedures} />);
  });

  app.get(`${ROUTING}/:procedureId`, async (req: ProcedureRequest, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await settings.processingOf(db, user, req.params.procedureId.slice(0, 40), req.locale);
    const notice = NOTICES.find((n) => n === req.query.fait);
    return sendPage(reply, <RoutingPage ctx={await formContext(req, reply)} view={view} notice={notice} />);
  });

  /** Each form posts to its own address and comes back to the page, which says how it went. */
  const back = (procedureId: string, outcome: RoutingNotice) => `${routingPath(procedureId)}?fait=${outcome}`;

  app.post(`${ROUTING}/:procedureId`, async (req: ProcedureRequest, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await settings.processingOf(db, user, req.params.procedureId.slice(0, 40), req.locale);
    const error = await settings.saveSettings(db, user, view, {
      defaultTeamId: formField(req.body, 'equipe', 40),
      legalDelayDays: formField(req.body, 'delai', 10),
      silence: formField(req.body, 'silence', 10),
      reminderDays: formField(req.body, 'rappel', 10),
    });
    return reply.redirect(back(view.procedure.id, error ?? 'saved'), 303);
  });

  app.post(`${ROUTING}/:procedureId/regles`, async (req: ProcedureRequest, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await settings.processingOf(db, user, req.params.procedureId.slice(0, 40), req.locale);
    const rows = Array.from({ length: settings.MAX_CONDITIONS }, (_, i) => ({
      field: formField(req.body, `champ${i}`, 100),
      op: formField(req.body, `op${i}`, 20),
      value: formField(req.body, `valeur${i}`, 200),
    }));
    const rule = settings.readRule(view, { teamId: formField(req.body, 'equipe', 40), join: formField(req.body, 'lien', 5), rows });
    if (!rule.ok) return reply.redirect(back(view.procedure.id, rule.error), 303);
    await settings.addRule(db, user, view, rule);
    return reply.redirect(back(view.procedure.id, 'saved'), 303);
  });

  app.post(`${ROUTING}/:procedureId/regles/:ruleId/:move`, async (req: FastifyRequest<{ Params: { procedureId: string; ruleId: string; move: string } }>, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await settings.processingOf(db, user, req.params.procedureId.slice(0, 40), req.locale);
    const { ruleId, move } = req.params;
    const ok = move === 'suppression' ? await settings.deleteRule(db, user, view, ruleId) : move === 'monter' ? await settings.raiseRule(db, user, view, ruleId) : false;
    return reply.redirect(back(view.procedure.id, ok ? 'saved' : 'rule'), 303);
  });
}

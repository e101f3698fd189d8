// POST /agent/dossiers/:id/annotations: saves the agents' private annotations. Saved or stale: back to the
// dossier page with a notice (POST, redirect, GET). Refused values: the page again, errors by the fields.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireStaff } from '../../platform/auth/staff.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import { formField } from '../../platform/http/form.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import type { FormBody } from '../forms/index.ts';
import { annotate, annotationsState, type AnnotationsState } from './annotations.ts';
import { agentDossierPath } from './paths.ts';
import { dossierForAgent, type AgentView, type Env } from './service.ts';

export const annotationsPath = (id: string) => `${agentDossierPath(id)}/annotations`;

/** The back office's dossier page (routes.tsx), drawn with the annotations as this route left them. */
export type DossierPageRenderer = (req: FastifyRequest, reply: FastifyReply, user: SessionUser, view: AgentView, extra: { annotations?: AnnotationsState }, status?: number) => Promise<unknown>;

export function annotationRoutes(app: FastifyInstance, env: Env, page: DossierPageRenderer): void {
  app.post<{ Params: { id: string } }>('/agent/dossiers/:id/annotations', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await dossierForAgent(env, user, req.params.id, req.locale);
    const body = plainBody(req.body);
    // Without script, choosing a territory's region posts the form to list its departments: shown, not saved.
    if (Object.hasOwn(body, '_refine')) {
      const state = await annotationsState(env, user, view);
      if (!state) throw new HttpProblem(404, 'instruction.error.notfound');
      return page(req, reply, user, view, { annotations: { ...state, raw: body } });
    }
    // A missing or garbled version can only be stale (Number('') would be 0, a real version).
    const version = formField(body, 'version', 12);
    const outcome = await annotate(env, user, view, { body, version: /^\d{1,12}$/.test(version) ? Number(version) : -1, now: new Date() });
    if (outcome.ok) return reply.redirect(`${agentDossierPath(view.dossier.id)}?fait=annotated`, 303);
    if (outcome.error === 'stale') return reply.redirect(`${agentDossierPath(view.dossier.id)}?fait=stale`, 303);
    return page(req, reply, user, view, { annotations: outcome.state }, 400);
  });
}

/** The urlencoded body as the forms engine reads it: strings or lists of strings, without NUL bytes. */
function plainBody(body: unknown): FormBody {
  const out: FormBody = {};
  if (!body || typeof body !== 'object') return out;
  const clean = (v: string) => v.replace(/\0/g, '');
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') out[name] = clean(value);
    else if (Array.isArray(value)) out[name] = value.filter((v): v is string => typeof v === 'string').map(clean);
  }
  return out;
}

// Expert opinions over HTTP: the expert's list, asking on a dossier, answering a request. Asking goes through
// the plain door (the dossier's own people only); reading and answering open it to experts too. Outcomes go
// back to the dossier page as `?fait=`, like every other action.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formContext, sendPage } from '../../platform/ui/render.ts';
import { requireStaff } from '../../platform/auth/staff.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import { formField } from '../../platform/http/form.ts';
import * as service from './service.ts';
import { answerOpinion, askOpinion, OPINION_MAX, opinionPanel, type OpinionOutcome } from './opinions.ts';
import { opinionsAddressedTo } from './opinions-store.ts';
import { OPINIONS } from './opinions-paths.ts';
import { agentDossierPath } from './paths.ts';
import type { Flash } from './views/dossier-page.tsx';
import { ExpertDossierPage } from './views/opinion-expert-page.tsx';
import { OpinionListPage } from './views/opinion-list-page.tsx';

/** What each outcome tells the reader back on the dossier page; merged into the page's own notices. */
export const OPINION_FLASH: Record<Exclude<OpinionOutcome, 'state'>, Flash> = {
  'opinion-asked': { kind: 'success', key: 'instruction.opinion.flash.asked' },
  'opinion-answered': { kind: 'success', key: 'instruction.opinion.flash.answered' },
  'opinion-whom': { kind: 'warning', key: 'instruction.opinion.error.whom' },
  'opinion-question': { kind: 'warning', key: 'instruction.opinion.error.question' },
  'opinion-due': { kind: 'warning', key: 'instruction.opinion.error.due' },
  'opinion-text': { kind: 'warning', key: 'instruction.opinion.error.text' },
  'opinion-yesno': { kind: 'warning', key: 'instruction.opinion.error.yesno' },
  'opinion-frozen': { kind: 'warning', key: 'instruction.opinion.error.frozen' },
  'opinion-notyours': { kind: 'warning', key: 'instruction.opinion.error.notyours' },
};

type Params = { Params: { id: string; opinion: string } };

export function opinionRoutes(app: FastifyInstance, env: service.Env): void {
  const back = (reply: FastifyReply, dossierId: string, outcome: OpinionOutcome) => reply.redirect(`${agentDossierPath(dossierId)}?fait=${outcome}#avis`, 303);

  app.get(OPINIONS, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const rows = await opinionsAddressedTo(env.db, user.id, req.locale);
    return sendPage(reply, <OpinionListPage ctx={await formContext(req, reply)} rows={rows} now={new Date()} />);
  });

  app.post<Params>('/agent/dossiers/:id/avis', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await service.dossierForAgent(env, user, req.params.id, req.locale);
    const input = { whom: formField(req.body, 'qui', 40), question: formField(req.body, 'question', OPINION_MAX + 1), due: formField(req.body, 'echeance', 20), yesNo: formField(req.body, 'ouinon', 1) === '1' };
    return back(reply, view.dossier.id, await askOpinion(env, user, view, input));
  });

  app.post<Params>('/agent/dossiers/:id/avis/:opinion', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await service.dossierForAgent(env, user, req.params.id, req.locale, { expert: true });
    const input = { text: formField(req.body, 'avis', OPINION_MAX + 1), yes: formField(req.body, 'reponse', 3) };
    return back(reply, view.dossier.id, await answerOpinion(env, user, view, req.params.opinion, input));
  });
}

/** The dossier page of someone who reads it only because he was asked for an opinion. */
export async function sendExpertPage(req: FastifyRequest, reply: FastifyReply, env: service.Env, user: SessionUser, view: service.AgentView, flash?: Flash) {
  const panel = await opinionPanel(env, user, view);
  const page = <ExpertDossierPage ctx={await formContext(req, reply)} view={view} panel={panel} country={env.config.country} now={new Date()} flash={flash} />;
  return sendPage(reply, page);
}

// The back office's dossier pages (/agent): the inbox, a dossier, and the moves agents make on it. Every
// handler starts with requireStaff (signed in with the second factor) and finds dossiers through the agent's
// scope only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formContext, pageContext, sendPage } from '../../platform/ui/render.ts';
import { requireStaff } from '../../platform/auth/staff.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { formField, formList } from '../../platform/http/form.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { attachmentOf, attachmentsOf, isAction, keepingFileIfDone, messagesOf, postMessage, readDecisionForm, sendDownload, timeline } from '../dossiers/index.ts';
import { previewStream, recordPreview, sendPreview } from './preview.ts';
import { readInboxParams, inboxHref } from './inbox-query.ts';
import { readColumnsNotice } from './views/inbox-columns-form.tsx';
import { visibleTeams } from './scope.ts';
import * as service from './service.ts';
import * as store from './store.ts';
import * as paths from './paths.ts';
import { InboxPage, type BatchOutcome } from './views/inbox-page.tsx';
import { AgentDossierPage, type Flash } from './views/dossier-page.tsx';
import { statsRoute } from './stats-routes.tsx';
import { isBatchAction, runBatch } from './batch.ts';
import { OPINION_FLASH, opinionRoutes, sendExpertPage } from './opinions-routes.tsx';
import { opinionPanel } from './opinions.ts';
import { annotationsState, type AnnotationsState } from './annotations.ts';
import { annotationRoutes } from './annotations-routes.tsx';
import { labelsFor, labelsOf } from './labels.ts';
import { acceptanceFeeState } from '../payments/on-acceptance.ts';
import { ULID as ID } from '../../platform/db/ids.ts';

type IdParams = { Params: { id: string } };

/** What each outcome of an action tells the agent, back on the dossier page. */
const FLASH: Record<string, Flash> = {
  ...OPINION_FLASH,
  done: { kind: 'success', key: 'instruction.flash.done' },
  stale: { kind: 'warning', key: 'instruction.flash.stale' },
  state: { kind: 'warning', key: 'instruction.flash.state' },
  motivation: { kind: 'warning', key: 'instruction.flash.motivation' },
  fields: { kind: 'warning', key: 'instruction.flash.fields' },
  reason: { kind: 'warning', key: 'instruction.flash.reason' },
  team: { kind: 'warning', key: 'instruction.flash.team' },
  annotated: { kind: 'success', key: 'instruction.annotations.saved' },
  labels: { kind: 'warning', key: 'instruction.flash.labels' },
  file: { kind: 'warning', key: 'pieces.decision.badfile' },
};

export async function instructionRoutes(app: FastifyInstance): Promise<void> {
  const { db, blobs, config } = app.ctx;
  const env = { db, blobs, config };

  statsRoute(app);
  opinionRoutes(app, env);
  annotationRoutes(app, env, dossierPage);

  app.get(paths.INBOX, async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const params = readInboxParams(req.query as Record<string, unknown>);
    // The columns the agent chose and the sort he clicked: service.inboxView (decision 0013).
    const view = await service.inboxView(env, user, params, req.i18n);
    const query = req.query as Record<string, unknown>;
    const props = { ...view, now: new Date(), batch: readBatchOutcome(query.lot), columnsNotice: readColumnsNotice(query.colonnes), canAssign: user.role === 'manager' };
    const page = <InboxPage ctx={await formContext(req, reply)} {...props} />;
    return sendPage(reply, page);
  });

  /** The dossier page, with a notice after an action or with a message that could not be sent. */
  async function dossierPage(req: FastifyRequest, reply: FastifyReply, user: SessionUser, view: service.AgentView, extra: { flash?: Flash; messageError?: MessageKey; messageDraft?: string; annotations?: AnnotationsState }, status = 200) {
    const id = view.dossier.id;
    const [events, messages, files, teams, available, current, annotations] = await Promise.all([
      timeline(db, id),
      messagesOf(db, id),
      attachmentsOf(db, id),
      visibleTeams(db, view.scope),
      labelsFor(db, view.dossier.administrationId),
      labelsOf(db, id),
      extra.annotations ?? annotationsState(env, user, view),
    ]);
    const opinions = await opinionPanel(env, user, view);
    // A fee asked on acceptance (payments, decision 0017): « en attente de paiement » or « payé ».
    const acceptanceFee = await acceptanceFeeState(db, id);
    const ctx = status === 200 ? await formContext(req, reply) : pageContext(req);
    const labels = { available, current };
    const props = { ctx, view, opinions, events, messages, files, teams, labels, canAssign: user.role === 'manager', country: config.country, now: new Date(), ...extra, annotations, acceptanceFee };
    return sendPage(reply, <AgentDossierPage {...props} />, status);
  }

  app.get<IdParams & { Querystring: { fait?: string } }>('/agent/dossiers/:id', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await service.dossierForAgent(env, user, req.params.id, req.locale, { expert: true });
    await service.recordOpening(env, user, view);
    if (view.dossier.access === 'expert') return sendExpertPage(req, reply, env, user, view, FLASH[req.query.fait ?? '']);
    return dossierPage(req, reply, user, view, { flash: FLASH[req.query.fait ?? ''] });
  });

  type FileParams = { Params: { id: string; file: string } };

  /** A file of a dossier in the reader's scope, and its bytes; else a 404 (whichever the reason). */
  async function pieceOf(req: FastifyRequest<FileParams>, user: SessionUser) {
    const view = await service.dossierForAgent(env, user, req.params.id, req.locale, { expert: true });
    const found = ID.test(req.params.file) ? await attachmentOf(db, view.dossier.id, req.params.file) : undefined;
    // An expert gets the answers' files, not those of the correspondence with the applicant nor the decisions'.
    const row = found && !(view.dossier.access === 'expert' && found.field === null) ? found : undefined;
    const stream = row && (await blobs.get(row.blobKey));
    if (!row || !stream) throw new HttpProblem(404, 'dossiers.error.filenotfound');
    return { view, row, stream };
  }

  app.get<FileParams>('/agent/dossiers/:id/pieces/:file', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const { view, row, stream } = await pieceOf(req, user);
    await service.recordDownload(env, user, view, row.id);
    return sendDownload(reply, row, stream);
  });

  // The same file shown in the page (decision 0012): only PDF and photos whose bytes say so, sealed in a sandbox.
  app.get<FileParams>('/agent/dossiers/:id/pieces/:file/apercu', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const { view, row, stream } = await pieceOf(req, user);
    const bytes = await previewStream(row, stream);
    if (!bytes) throw new HttpProblem(404, 'pieces.preview.none');
    try {
      await recordPreview(env, user, view, row.id);
    } catch (err) {
      bytes.destroy();
      throw err;
    }
    return sendPreview(reply, row, bytes);
  });

  /** After an action: back to the dossier page, which says how it went (POST, redirect, GET). */
  const backTo = (reply: FastifyReply, id: string, outcome: service.ActionOutcome) =>
    reply.redirect(`${paths.agentDossierPath(id)}?fait=${outcome.ok ? 'done' : outcome.error}`, 303);

  app.post<IdParams>('/agent/dossiers/:id/decision', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await service.dossierForAgent(env, user, req.params.id, req.locale);
    // Urlencoded, or multipart when the decision carries a file (stored now, deleted again unless recorded).
    const form = await readDecisionForm(req, blobs);
    const file = form.ok ? form.file : undefined;
    const action = formField(form.body, 'action', 20);
    if (!isAction(action)) {
      if (file) await blobs.delete(file.blobKey);
      throw new HttpProblem(400, 'error.badrequest');
    }
    if (!form.ok) return reply.redirect(`${paths.agentDossierPath(view.dossier.id)}?fait=file`, 303);
    const input = { action, motivation: formField(form.body, 'motivation', 10_000), version: versionOf(form.body), file };
    const outcome = await keepingFileIfDone(blobs, file, () => service.takeDecision(env, user, view, input));
    return backTo(reply, view.dossier.id, outcome);
  });

  app.post<IdParams>('/agent/dossiers/:id/correction', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await service.dossierForAgent(env, user, req.params.id, req.locale);
    const fields = formList(req.body, 'champs');
    const outcome = await service.askCorrection(env, user, view, { fields, reason: formField(req.body, 'motif', 5000), version: versionOf(req.body) });
    return backTo(reply, view.dossier.id, outcome);
  });

  app.post<IdParams>('/agent/dossiers/:id/equipe', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await service.dossierForAgent(env, user, req.params.id, req.locale);
    const outcome = await service.reassign(env, user, view, { teamId: formField(req.body, 'equipe', 40), version: versionOf(req.body) });
    return backTo(reply, view.dossier.id, outcome);
  });

  app.post<IdParams>('/agent/dossiers/:id/suivi', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await service.dossierForAgent(env, user, req.params.id, req.locale);
    await store.setFollowed(db, view.dossier.id, user.id, formField(req.body, 'suivre', 1) === '1');
    return reply.redirect(paths.agentDossierPath(view.dossier.id), 303);
  });

  app.post('/agent/lot', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const action = formField(req.body, 'action', 20);
    // Back to the inbox as the agent left it (tab, filters, sort); read like any inbox address, so it can only
    // lead to the inbox.
    const at = readInboxParams(Object.fromEntries(new URLSearchParams(formField(req.body, 'retour', 2000))));
    const back = (outcome: string) => reply.redirect(inboxHref(at.raw, { onglet: at.tab === 'to_process' ? undefined : at.tab, lot: outcome }), 303);
    if (!isBatchAction(action)) return back('action');
    const input = { items: formList(req.body, 'lot'), action, motivation: formField(req.body, 'motivation', 10_000), teamId: formField(req.body, 'equipe', 40), message: formField(req.body, 'message', 10_000), labelId: formField(req.body, 'etiquette', 40) };
    // Said once for the whole batch rather than once per dossier.
    if (input.items.length === 0) return back('empty');
    if (action === 'refuse' && input.motivation.trim() === '') return back('motivation');
    if (action === 'message' && input.message.trim() === '') return back('message');
    const result = await runBatch(env, user, input, req.locale);
    return back(`${result.done}.${result.skipped}`);
  });

  app.post<IdParams>('/agent/dossiers/:id/messages', async (req, reply) => {
    const user = await requireStaff(req, reply);
    if (!user) return reply;
    const view = await service.dossierForAgent(env, user, req.params.id, req.locale);
    const outcome = await postMessage(env, req, view.dossier.id, { id: user.id, fromApplicant: false });
    if (outcome.ok) return reply.redirect(`${paths.agentDossierPath(view.dossier.id)}#messages`, 303);
    return dossierPage(req, reply, user, view, { messageError: outcome.error, messageDraft: outcome.text }, 400);
  });
}

/** The dossier version the form was drawn with; a missing or garbled one can only be stale. */
function versionOf(body: unknown): number {
  const value = formField(body, 'version', 12);
  return /^\d{1,9}$/.test(value) ? Number(value) : -1;
}

/** What the last batch did, as the redirect after it tells the inbox (`lot=3.1`, or the reason it did nothing). */
function readBatchOutcome(value: unknown): BatchOutcome | undefined {
  if (typeof value !== 'string') return undefined;
  const counts = /^(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (counts) return { done: Number(counts[1]), skipped: Number(counts[2]) };
  return (['action', 'empty', 'motivation', 'message'] as const).find((reason) => reason === value);
}

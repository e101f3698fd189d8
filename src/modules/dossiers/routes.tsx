// The applicant's side of the procedure engine: start a dossier from a fiche, answer it page by page (every
// page works without JavaScript and saves the draft), review, submit once, follow it in "Mes dossiers".
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formContext, pageContext, sendPage } from '../../platform/ui/render.ts';
import { saveSessionData, type SessionUser } from '../../platform/auth/session.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { formField } from '../../platform/http/form.ts';
import { randomToken } from '../../platform/crypto/tokens.ts';
import { mimeOf, type DocumentKind } from '../../platform/storage/file-kinds.ts';
import { isSectionVisible, validateAnswers, visibleSections, type Answers, type Field } from '../forms/index.ts';
import { isSlug } from '../catalog/pack-schema.ts';
import { validationContext } from './context.ts';
import * as drafts from './drafts.ts';
import { readPageBody } from './page-body.ts';
import { correctionLimits, pageAction, pageLimits, withoutItem } from './page-actions.ts';
import * as paths from './paths.ts';
import * as store from './store.ts';
import { SUBMIT_KEY, submitDraft } from './submit.ts';
import { postMessage } from './messages.ts';
import { StartPage } from './views/start-page.tsx';
import { SectionPage } from './views/section-page.tsx';
import { ReviewPage } from './views/review-page.tsx';
import { DossierPage } from './views/dossier-page.tsx';
import { MyDossiersPage } from './views/my-dossiers-page.tsx';
import { CorrectionPage } from './views/correction-page.tsx';
import { bodyOf } from './views/section-fields.tsx';
import { answerCorrection, openCorrection } from './corrections.ts';
import { territoriesOf } from '../territories/index.ts';
import { documentsOfDossier } from '../documents/index.ts';
import { acceptanceDue } from '../payments/on-acceptance.ts';
import { ULID as ID } from '../../platform/db/ids.ts';

type IdParams = { Params: { id: string } };

export async function dossierRoutes(app: FastifyInstance): Promise<void> {
  const { db, blobs, config } = app.ctx;
  const env = { db, blobs, config };

  /** The signed-in applicant, or a redirect to sign in that comes back here afterwards. */
  async function applicant(req: FastifyRequest, reply: FastifyReply, comeBack = req.url): Promise<SessionUser | null> {
    if (req.session?.user) return req.session.user;
    await formContext(req, reply);
    await saveSessionData(db, req.session!, { ...req.session!.data, returnTo: comeBack });
    reply.redirect('/connexion', 303);
    return null;
  }

  /** What the dossier page shows besides the answers. */
  async function followUp(dossierId: string) {
    const [events, messages, files, documents, acceptanceFee] = await Promise.all([
      store.timeline(db, dossierId),
      store.messagesOf(db, dossierId),
      store.attachmentsOf(db, dossierId),
      documentsOfDossier(db, dossierId),
      // A fee asked on acceptance (payments, decision 0017) holds the documents back until paid.
      acceptanceDue(db, dossierId),
    ]);
    return { events, messages, files, documents, acceptanceFee };
  }

  /** The applicant's dossier named in the address; any other id (malformed, someone else's) is a 404. */
  async function own(req: FastifyRequest<IdParams>, user: SessionUser) {
    const open = ID.test(req.params.id) ? await drafts.openDossier(env, req.params.id, user.id, req.locale) : undefined;
    if (!open) throw new HttpProblem(404, 'dossiers.error.notfound');
    return open;
  }

  app.get<{ Params: { slug: string } }>('/demarches/:slug/en-ligne', async (req, reply) => {
    const online = isSlug(req.params.slug) ? await drafts.onlineProcedure(env, req.params.slug, req.locale) : undefined;
    if (!online) throw new HttpProblem(404, 'dossiers.error.notonline');
    const ctx = await formContext(req, reply);
    return sendPage(reply, <StartPage ctx={ctx} procedure={online.procedure} definition={online.revision.definition} />);
  });

  app.post<{ Params: { slug: string } }>('/demarches/:slug/en-ligne', async (req, reply) => {
    const user = await applicant(req, reply, paths.onlineStart(req.params.slug));
    if (!user) return reply;
    const started = isSlug(req.params.slug) ? await drafts.startDraft(env, { slug: req.params.slug, applicantId: user.id, locale: req.locale }) : undefined;
    if (!started) throw new HttpProblem(404, 'dossiers.error.notonline');
    return reply.redirect(started.firstSection ? paths.sectionPath(started.id, started.firstSection) : paths.reviewPath(started.id), 303);
  });

  app.get<{ Params: { id: string; section: string }; Querystring: { ajouter?: string } }>('/dossiers/:id/pages/:section', async (req, reply) => {
    const user = await applicant(req, reply);
    if (!user) return reply;
    const open = await own(req, user);
    if (open.dossier.status !== 'draft') return reply.redirect(paths.dossierPath(open.dossier.id), 303);
    // A draft with a reference waits for its fee (decision 0017): its answers are frozen, the payment page is next.
    if (open.dossier.reference) return reply.redirect(paths.paymentPath(open.dossier.id), 303);
    const section = open.definition.sections.find((s) => s.id === req.params.section);
    if (!section || !isSectionVisible(open.definition, section, open.dossier.answers)) return reply.redirect(paths.reviewPath(open.dossier.id), 303);
    const add = typeof req.query.ajouter === 'string' ? req.query.ajouter : undefined;
    const ctx = await formContext(req, reply);
    return sendPage(reply, <SectionPage ctx={ctx} open={open} section={section} errors={[]} extraItems={add ? { [add]: 1 } : {}} country={config.country} />);
  });

  app.post<{ Params: { id: string; section: string } }>('/dossiers/:id/pages/:section', async (req, reply) => {
    const user = await applicant(req, reply, paths.dossierPath(req.params.id));
    if (!user) return reply;
    const open = await own(req, user);
    if (open.dossier.status !== 'draft') return reply.redirect(paths.dossierPath(open.dossier.id), 303);
    // A draft with a reference waits for its fee (decision 0017): its answers are frozen, the payment page is next.
    if (open.dossier.reference) return reply.redirect(paths.paymentPath(open.dossier.id), 303);
    const section = open.definition.sections.find((s) => s.id === req.params.section);
    if (!section || !isSectionVisible(open.definition, section, open.dossier.answers)) return reply.redirect(paths.reviewPath(open.dossier.id), 303);

    const posted = await readPageBody(req, blobs, pageLimits(open.definition, section));
    const action = pageAction(posted.body);
    const { body, removals } = action.kind === 'remove-item' ? withoutItem(section, posted.body, action.repeatId, action.index) : { body: posted.body, removals: [] };
    removals.push(...Object.keys(body).filter((k) => k.endsWith('._remove')).map((k) => k.slice(0, -'._remove'.length)));
    const result = await drafts.savePage(env, open, { sectionId: section.id, body, uploads: posted.uploads, removals, now: new Date() });
    const here = paths.sectionPath(open.dossier.id, section.id);
    switch (action.kind) {
      case 'remove-item':
      case 'refine':
        return reply.redirect(here, 303);
      case 'add-item':
        return reply.redirect(`${here}?ajouter=${encodeURIComponent(action.repeatId)}`, 303);
      case 'save-and-leave':
        return reply.redirect(`${paths.MY_DOSSIERS}?enregistre=1`, 303);
      case 'continue': {
        if (result.errors.length === 0) return reply.redirect(result.next ? paths.sectionPath(open.dossier.id, result.next) : paths.reviewPath(open.dossier.id), 303);
        const shown = { ...open, dossier: { ...open.dossier, answers: result.answers } };
        const page = <SectionPage ctx={pageContext(req)} open={shown} section={section} raw={body} errors={result.errors} extraItems={{}} country={config.country} />;
        return sendPage(reply, page, 400);
      }
    }
  });

  app.get<IdParams>('/dossiers/:id/recapitulatif', async (req, reply) => {
    const user = await applicant(req, reply);
    if (!user) return reply;
    const open = await own(req, user);
    if (open.dossier.status !== 'draft') return reply.redirect(paths.dossierPath(open.dossier.id), 303);
    // A draft with a reference waits for its fee (decision 0017): its answers are frozen, the payment page is next.
    if (open.dossier.reference) return reply.redirect(paths.paymentPath(open.dossier.id), 303);
    const { errors } = validateAnswers(open.definition, open.dossier.answers, validationContext(config, new Date()));
    const ctx = await formContext(req, reply);
    return sendPage(reply, <ReviewPage ctx={ctx} open={open} errors={errors} submitKey={randomToken(24)} country={config.country} />);
  });

  app.post<IdParams>('/dossiers/:id/depot', async (req, reply) => {
    const user = await applicant(req, reply, paths.reviewPath(req.params.id));
    if (!user) return reply;
    const key = formField(req.body, 'cle', 100);
    if (!SUBMIT_KEY.test(key) || !ID.test(req.params.id)) throw new HttpProblem(400, 'dossiers.error.badkey');
    const result = await submitDraft(env, { id: req.params.id, applicantId: user.id, key, locale: req.locale, now: new Date() });
    if (result.ok && result.awaitingPayment) return reply.redirect(paths.paymentPath(result.id), 303);
    if (result.ok) return reply.redirect(`${paths.dossierPath(result.id)}${result.already ? '' : '?depose=1'}`, 303);
    if (result.reason === 'not-found') throw new HttpProblem(404, 'dossiers.error.notfound');
    if (result.reason === 'key-used') throw new HttpProblem(409, 'dossiers.error.keyused');
    if (result.reason === 'form-changed') return reply.redirect(paths.reviewPath(req.params.id), 303);
    if (result.reason !== 'invalid') throw new HttpProblem(400, 'dossiers.error.badkey');
    const open = await own(req, user);
    const page = <ReviewPage ctx={pageContext(req)} open={open} errors={result.errors} submitKey={randomToken(24)} country={config.country} />;
    return sendPage(reply, page, 400);
  });

  app.get<IdParams & { Querystring: { depose?: string; corrige?: string } }>('/dossiers/:id', async (req, reply) => {
    const user = await applicant(req, reply);
    if (!user) return reply;
    const open = await own(req, user);
    if (open.dossier.status === 'draft') return reply.redirect(open.dossier.reference ? paths.paymentPath(open.dossier.id) : paths.reviewPath(open.dossier.id), 303);
    const { events, messages, files, documents, acceptanceFee } = await followUp(open.dossier.id);
    const ctx = await formContext(req, reply);
    const correction = open.dossier.status === 'correction' ? await openCorrection(db, open.dossier.id) : undefined;
    const notice = req.query.depose === '1' ? 'submitted' : req.query.corrige === '1' ? 'corrected' : undefined;
    const props = { ctx, open, events, messages, files, documents, acceptanceFee, notice, correction, country: config.country } as const;
    return sendPage(reply, <DossierPage {...props} />);
  });

  app.get<IdParams>('/dossiers/:id/correction', async (req, reply) => {
    const user = await applicant(req, reply);
    if (!user) return reply;
    const open = await own(req, user);
    const correction = open.dossier.status === 'correction' ? await openCorrection(db, open.dossier.id) : undefined;
    if (!correction) return reply.redirect(paths.dossierPath(open.dossier.id), 303);
    const ctx = await formContext(req, reply);
    return sendPage(reply, <CorrectionPage ctx={ctx} open={open} correction={correction} errors={[]} country={config.country} />);
  });

  app.post<IdParams>('/dossiers/:id/correction', async (req, reply) => {
    const user = await applicant(req, reply, paths.dossierPath(req.params.id));
    if (!user) return reply;
    const open = await own(req, user);
    const correction = open.dossier.status === 'correction' ? await openCorrection(db, open.dossier.id) : undefined;
    if (!correction) return reply.redirect(paths.dossierPath(open.dossier.id), 303);
    const asked = new Set(correction.fields);
    const { body, uploads } = await readPageBody(req, blobs, correctionLimits(open.definition, asked));
    const removals = Object.keys(body).filter((k) => k.endsWith('._remove')).map((k) => k.slice(0, -'._remove'.length));
    const viewProps = { i18n: req.i18n, locale: req.locale, country: config.country, territories: territoriesOf(config.country), errors: [], fileHref: () => '' };
    const bodyFor = (fields: Field[], answers: Answers) => bodyOf(fields, answers, { ...viewProps, def: open.definition, section: { id: '', title: '', fields }, answers });
    const result = await answerCorrection(env, open, correction, { body, uploads, removals, now: new Date(), bodyFor });
    if (result.ok) return reply.redirect(`${paths.dossierPath(open.dossier.id)}?corrige=1`, 303);
    const page = <CorrectionPage ctx={pageContext(req)} open={open} correction={correction} raw={body} errors={result.errors} country={config.country} />;
    return sendPage(reply, page, 400);
  });

  app.post<IdParams>('/dossiers/:id/messages', async (req, reply) => {
    const user = await applicant(req, reply, paths.dossierPath(req.params.id));
    if (!user) return reply;
    const open = await own(req, user);
    if (open.dossier.status === 'draft') throw new HttpProblem(409, 'dossiers.error.draftmessage');
    const outcome = await postMessage(env, req, open.dossier.id, { id: user.id, fromApplicant: true });
    if (outcome.ok) return reply.redirect(`${paths.dossierPath(open.dossier.id)}#messages`, 303);
    const { events, messages, files, documents, acceptanceFee } = await followUp(open.dossier.id);
    const props = { ctx: pageContext(req), open, events, messages, files, documents, acceptanceFee, country: config.country, messageError: outcome.error, messageDraft: outcome.text };
    return sendPage(reply, <DossierPage {...props} />, 400);
  });

  app.post<IdParams>('/dossiers/:id/supprimer', async (req, reply) => {
    const user = await applicant(req, reply, paths.MY_DOSSIERS);
    if (!user) return reply;
    const deleted = ID.test(req.params.id) && (await drafts.deleteDraft(env, req.params.id, user.id));
    if (!deleted) throw new HttpProblem(404, 'dossiers.error.notfound');
    return reply.redirect(`${paths.MY_DOSSIERS}?supprime=1`, 303);
  });

  app.get<{ Params: { id: string; file: string } }>('/dossiers/:id/pieces/:file', async (req, reply) => {
    const user = await applicant(req, reply);
    if (!user) return reply;
    const { id, file } = req.params;
    const dossier = ID.test(id) && ID.test(file) ? await store.dossierOfApplicant(db, id, user.id) : undefined;
    const row = dossier && (await store.attachmentOf(db, id, file));
    const stream = row && (await blobs.get(row.blobKey));
    if (!row || !stream) throw new HttpProblem(404, 'dossiers.error.filenotfound');
    return sendDownload(reply, row, stream);
  });

  app.get(paths.MY_DOSSIERS, async (req, reply) => {
    const user = await applicant(req, reply);
    if (!user) return reply;
    const items = await store.listOfApplicant(db, user.id, req.locale);
    const query = req.query as Record<string, unknown>;
    const notice = query.supprime === '1' ? 'deleted' : query.enregistre === '1' ? 'saved' : undefined;
    return sendPage(reply, <MyDossiersPage ctx={await formContext(req, reply)} items={items} notice={notice} />);
  });

  app.get<{ Params: { token: string } }>('/brouillons/:token', async (req, reply) => {
    const user = await applicant(req, reply);
    if (!user) return reply;
    const id = /^[A-Za-z0-9_-]{20,100}$/.test(req.params.token) ? await drafts.claimPrefilled(env, req.params.token, user.id) : undefined;
    if (!id) throw new HttpProblem(404, 'dossiers.error.prefill');
    const open = await drafts.openDossier(env, id, user.id, req.locale);
    const first = open && visibleSections(open.definition, open.dossier.answers)[0];
    return reply.redirect(first ? paths.sectionPath(id, first.id) : paths.reviewPath(id), 303);
  });
}

/** A stored file, always as a download (never rendered by the browser in our origin), private to its reader. */
export function sendDownload(reply: FastifyReply, row: store.AttachmentRow, stream: NodeJS.ReadableStream) {
  const ascii = row.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', mimeOf(row.kind as DocumentKind))
    .header('content-length', row.size)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.name)}`)
    .header('cache-control', 'private, no-store')
    .send(stream);
}

// Dossiers in the JSON API. Another system (a ministry's site, a partner's app) can prefill a draft from
// what it already knows; the citizen opens the returned link, signs in and finishes it. A dossier's owner can
// read it by reference.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isSlug } from '../catalog/pack-schema.ts';
import { createPrefilled } from './drafts.ts';
import { readReference } from '../forms/index.ts';
import { dossierPath, prefillPath } from './paths.ts';
import * as store from './store.ts';

const apiError = (reply: FastifyReply, status: number, message: string) => reply.code(status).send({ error: { status, message } });

export async function dossierApi(app: FastifyInstance): Promise<void> {
  const { db, blobs, config } = app.ctx;

  // Drafts cost storage and nobody owns them yet: a caller gets a bounded number per minute.
  const prefillLimit = { config: { rateLimit: { max: 30, timeWindow: 60_000 } }, bodyLimit: 256 * 1024 };
  app.post<{ Params: { slug: string } }>('/api/v1/procedures/:slug/dossiers', prefillLimit, async (req, reply) => {
    const body = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return apiError(reply, 400, req.i18n.t('api.error.json'));
    const answers = (body as Record<string, unknown>).answers ?? {};
    if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return apiError(reply, 400, req.i18n.t('api.error.answers'));
    const draft = isSlug(req.params.slug) ? await createPrefilled({ db, blobs, config }, { slug: req.params.slug, answers, now: new Date() }) : undefined;
    if (!draft) return apiError(reply, 404, req.i18n.t('dossiers.error.notonline'));
    return reply.code(201).send({
      id: draft.id,
      url: `${config.publicUrl}${prefillPath(draft.token)}`,
      prefill_token: draft.token,
      ignored: draft.ignored,
    });
  });

  app.get<{ Params: { reference: string } }>('/api/v1/dossiers/:reference', async (req, reply) => {
    const user = req.session?.user;
    if (!user) return apiError(reply, 401, req.i18n.t('api.error.signin'));
    const reference = readReference(req.params.reference);
    const dossier = reference ? await store.dossierByReference(db, reference) : undefined;
    // Someone else's reference answers exactly like an unknown one.
    if (!dossier || dossier.applicantId !== user.id) return apiError(reply, 404, req.i18n.t('dossiers.error.notfound'));
    const [procedure, events] = await Promise.all([store.procedureHead(db, { id: dossier.procedureId }, req.locale), store.timeline(db, dossier.id)]);
    return reply.header('cache-control', 'private, no-store').send({
      reference: dossier.reference,
      status: dossier.status,
      procedure: procedure && { slug: procedure.slug, title: procedure.title },
      submitted_at: dossier.submittedAt,
      updated_at: dossier.updatedAt,
      url: `${config.publicUrl}${dossierPath(dossier.id)}`,
      timeline: events.map((e) => ({ event: e.kind, status: e.status, at: e.createdAt })),
      answers: dossier.answers,
    });
  });
}

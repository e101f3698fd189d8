// The catalog as JSON for integrators: /api/v1/procedures and /api/v1/procedures/:slug. Texts come in the
// language asked with ?lang= (French where a translation is missing).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CATEGORIES, COUNTRIES, isSlug } from './pack-schema.ts';
import * as store from './store.ts';
import { searchProcedures } from './search.ts';
import { PageCache } from '../../platform/http/page-cache.ts';

const MAX_LIMIT = 500;

const listQuery = z.object({
  q: z.string().max(10_000).optional(),
  category: z.enum(CATEGORIES).optional(),
  administration: z.string().max(100).optional(),
  country: z.enum(COUNTRIES).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  lang: z.string().optional(),
});

export async function catalogApi(app: FastifyInstance): Promise<void> {
  const { db, config } = app.ctx;

  // Public and the same for every caller: answered from the same kept responses as the citizen pages.
  const cache = new PageCache(db, store.CATALOG_CONTENT);
  const json = (body: unknown) => ({ html: JSON.stringify(body), status: 200, type: 'application/json; charset=utf-8' });

  app.get('/api/v1/procedures', async (req, reply) => {
    const parsed = listQuery.safeParse(req.query ?? {});
    if (!parsed.success) return reply.code(400).send(badRequest(req.i18n.t('api.error.query'), parsed.error));
    const { q, category, administration, limit, offset } = parsed.data;
    const country = parsed.data.country ?? config.country;
    const filter = { country, locale: req.locale, category, administration, limit, offset };
    return cache.serve(req, reply, async () => {
      const { items, total } = q?.trim()
        ? await searchProcedures(db, { ...filter, q: q.slice(0, 200) }).then((r) => ({ items: r.hits, total: r.total }))
        : await store.listProcedures(db, filter);
      return json({ total, limit, offset, items: items.map((p) => summaryJson(p, config.publicUrl)) });
    });
  });

  app.get<{ Params: { slug: string }; Querystring: { country?: string } }>('/api/v1/procedures/:slug', (req, reply) => {
    const country = z.enum(COUNTRIES).catch(config.country).parse(req.query.country ?? config.country);
    return cache.serve(req, reply, async () => {
      const fiche = isSlug(req.params.slug) ? await store.findFiche(db, { country, slug: req.params.slug }, req.locale) : undefined;
      if (!fiche || !fiche.published) return { ...json({ error: { status: 404, message: req.i18n.t('error.notfound') } }), status: 404 };
      return json({
        ...summaryJson(fiche, config.publicUrl),
        language: fiche.titleLocale,
        who: fiche.who,
        steps: fiche.steps,
        documents: fiche.documents,
        cost_note: fiche.costNote,
        delay: fiche.delay,
        legal_basis: fiche.legalBasis,
        complaint: fiche.complaint,
        service_points: fiche.servicePoints,
        audio_url: fiche.audio ? `${config.publicUrl}/demarches/${fiche.slug}/audio/${fiche.audio.locale}` : null,
      });
    });
  });
}

function summaryJson(p: store.ProcedureSummary, publicUrl: string) {
  return {
    slug: p.slug,
    country: p.country,
    category: p.category,
    title: p.title,
    summary: p.summary,
    administration: { code: p.administrationCode, name: p.administrationName },
    cost_xof: p.costXof,
    delay_days: p.delayDays,
    online: { available: p.onlineAvailable, url: p.onlineUrl?.startsWith('/') ? `${publicUrl}${p.onlineUrl}` : p.onlineUrl },
    updated_at: p.updatedAt,
    url: `${publicUrl}/demarches/${p.slug}`,
  };
}

function badRequest(message: string, error: z.ZodError) {
  return {
    error: {
      status: 400,
      message,
      details: error.issues.map((i) => ({ parameter: i.path.join('.'), problem: i.message })),
    },
  };
}

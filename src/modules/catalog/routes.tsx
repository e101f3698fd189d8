// Citizen pages of the information portal.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { pageContext, renderPage } from '../../platform/ui/render.ts';
import { PageCache } from '../../platform/http/page-cache.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { CATEGORIES, isSlug } from './pack-schema.ts';
import * as store from './store.ts';
import { CATALOG_CONTENT } from './store.ts';
import { searchProcedures } from './search.ts';
import { HomePage } from './views/home.tsx';
import { ListPage } from './views/list.tsx';
import { SearchPage } from './views/search.tsx';
import { FichePage } from './views/fiche.tsx';

const PAGE_SIZE = 20;
const POPULAR_COUNT = 8;

// Unknown or malformed query values fall back to defaults: a tampered link shows a normal page, not an error.
const pageParam = z.coerce.number().int().min(1).max(10_000).catch(1);
const listQuery = z.object({ categorie: z.enum(CATEGORIES).optional().catch(undefined), page: pageParam });
const searchQuery = z.object({ q: z.string().catch(''), page: pageParam });

export async function catalogRoutes(app: FastifyInstance): Promise<void> {
  const { db, blobs, config } = app.ctx;
  const country = config.country;
  const cache = new PageCache(db, CATALOG_CONTENT);
  const page = (req: FastifyRequest, reply: FastifyReply, render: () => Promise<VNode>) =>
    cache.serve(req, reply, async () => ({ html: renderPage(await render()), status: 200 }));
  // The content of these pages is everyone's: read once per content version (see PageCache.kept), even for
  // visitors with a session, whose pages are rendered each time.
  const kept = <T,>(req: FastifyRequest, what: string, load: () => Promise<T>) => cache.kept(`${req.locale}|${what}`, load);

  app.get('/', (req, reply) =>
    page(req, reply, async () => {
      const [counts, popular] = await Promise.all([
        kept(req, 'counts', () => store.categoryCounts(db, country)),
        kept(req, 'popular', () => store.mostRequested(db, country, req.locale, POPULAR_COUNT)),
      ]);
      return <HomePage ctx={pageContext(req)} counts={counts} popular={popular} />;
    }),
  );

  app.get('/demarches', (req, reply) =>
    page(req, reply, async () => {
      const { categorie, page: n } = listQuery.parse(req.query ?? {});
      const [counts, list] = await Promise.all([
        kept(req, 'counts', () => store.categoryCounts(db, country)),
        kept(req, `list|${categorie ?? ''}|${n}`, () =>
          store.listProcedures(db, { country, locale: req.locale, category: categorie, limit: PAGE_SIZE, offset: (n - 1) * PAGE_SIZE }),
        ),
      ]);
      const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
      if (n > pages) throw new HttpProblem(404, 'error.notfound');
      const props = { ctx: pageContext(req), category: categorie, counts, items: list.items, total: list.total, page: n, pages };
      return <ListPage {...props} />;
    }),
  );

  app.get('/recherche', (req, reply) =>
    page(req, reply, async () => {
      const { q, page: n } = searchQuery.parse(req.query ?? {});
      const query = q.slice(0, 200);
      const result = await kept(req, `search|${n}|${query}`, () =>
        searchProcedures(db, { q: query, country, locale: req.locale, limit: PAGE_SIZE, offset: (n - 1) * PAGE_SIZE }),
      );
      const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
      return <SearchPage ctx={pageContext(req)} q={query} result={result} page={n} pages={pages} />;
    }),
  );

  app.get<{ Params: { slug: string } }>('/demarches/:slug', (req, reply) =>
    page(req, reply, async () => {
      const { slug } = req.params;
      const fiche = isSlug(slug) ? await kept(req, `fiche|${slug}`, () => store.findFiche(db, { country, slug }, req.locale)) : undefined;
      if (!fiche || !fiche.published) throw new HttpProblem(404, 'error.notfound');
      return <FichePage ctx={pageContext(req)} fiche={fiche} />;
    }),
  );

  app.get<{ Params: { slug: string; locale: string } }>('/demarches/:slug/audio/:locale', async (req, reply) => {
    const audio = await store.findAudio(db, country, req.params.slug, req.params.locale);
    const stream = audio && (await blobs.get(audio.blob_key));
    if (!audio || !stream) throw new HttpProblem(404, 'error.notfound');
    return reply
      .type(audio.mime)
      .header('content-length', audio.size)
      .header('content-disposition', `attachment; filename="${req.params.slug}-${audio.locale}"`)
      .header('cache-control', 'public, max-age=3600')
      .send(stream);
  });
}

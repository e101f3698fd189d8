import { Layout } from '../../../platform/ui/layout.tsx';
import { Pagination } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { SearchResult } from '../search.ts';
import { paginationLabels } from './list.tsx';
import { ProcedureList, SearchForm } from './parts.tsx';

export function SearchPage({ ctx, q, result, page, pages }: { ctx: PageContext; q: string; result: SearchResult; page: number; pages: number }) {
  const { t } = ctx.i18n;
  const highlights = new Map(result.hits.map((h) => [h.id, { title: h.titleHighlighted, summary: h.summaryHighlighted }]));
  const typed = q.trim().toLowerCase();
  return (
    <Layout ctx={ctx} title={q ? t('search.titlefor', { q: q.slice(0, 60) }) : t('search.title')} breadcrumb={[{ href: '/', label: t('nav.home') }, { label: t('search.title') }]}>
      <h1>{t('search.title')}</h1>
      <SearchForm ctx={ctx} q={q} />
      {q.trim() === '' ? (
        <p>{t('search.empty')}</p>
      ) : (
        <>
          <p role="status">
            {t('search.count', { count: result.total })}
            {result.corrected && result.corrected !== typed && result.total > 0 && <> {t('search.corrected', { q: result.corrected })}</>}
          </p>
          {result.total === 0 && (
            <p>
              {t('search.none')} <a href="/demarches">{t('home.all')}</a>
            </p>
          )}
          <ProcedureList ctx={ctx} items={result.hits} highlights={highlights} />
          <Pagination page={page} pages={pages} hrefFor={(n) => `/recherche?q=${encodeURIComponent(q)}&page=${n}`} labels={paginationLabels(ctx)} />
        </>
      )}
    </Layout>
  );
}

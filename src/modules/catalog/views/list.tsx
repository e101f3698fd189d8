import { Layout } from '../../../platform/ui/layout.tsx';
import { Pagination } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { Category } from '../pack-schema.ts';
import type { ProcedureSummary } from '../store.ts';
import { CategoryLinks } from './home.tsx';
import { ProcedureList, SearchForm } from './parts.tsx';

export interface ListPageProps {
  ctx: PageContext;
  category: Category | undefined;
  counts: Map<string, number>;
  items: ProcedureSummary[];
  total: number;
  page: number;
  pages: number;
}

export function ListPage({ ctx, category, counts, items, total, page, pages }: ListPageProps) {
  const { t } = ctx.i18n;
  const title = category ? t(`category.${category}`) : t('list.title');
  const base = category ? `/demarches?categorie=${category}&` : '/demarches?';
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumb={[{ href: '/', label: t('nav.home') }, ...(category ? [{ href: '/demarches', label: t('list.title') }] : []), { label: title }]}
    >
      <h1>{title}</h1>
      <SearchForm ctx={ctx} />
      <p>{t('list.count', { count: total })}</p>
      <ProcedureList ctx={ctx} items={items} />
      <Pagination page={page} pages={pages} hrefFor={(n) => `${base}page=${n}`} labels={paginationLabels(ctx)} />
      <h2>{t('home.events')}</h2>
      <CategoryLinks ctx={ctx} counts={counts} current={category} />
    </Layout>
  );
}

export function paginationLabels(ctx: PageContext) {
  const { t } = ctx.i18n;
  return { nav: t('pagination.nav'), previous: t('pagination.previous'), next: t('pagination.next'), page: (n: number) => t('pagination.page', { page: n }) };
}

import { Layout } from '../../../platform/ui/layout.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import { CATEGORIES } from '../pack-schema.ts';
import type { ProcedureSummary } from '../store.ts';
import { ProcedureList, SearchForm } from './parts.tsx';

export function HomePage({ ctx, counts, popular }: { ctx: PageContext; counts: Map<string, number>; popular: ProcedureSummary[] }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('home.title')} description={t('home.lead')}>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <SearchForm ctx={ctx} large />
      <h2>{t('home.popular')}</h2>
      <ProcedureList ctx={ctx} items={popular} />
      <h2>{t('home.events')}</h2>
      <CategoryLinks ctx={ctx} counts={counts} />
      <p>
        <a href="/demarches">{t('home.all')}</a>
      </p>
    </Layout>
  );
}

export function CategoryLinks({ ctx, counts, current }: { ctx: PageContext; counts: Map<string, number>; current?: string }) {
  const { t } = ctx.i18n;
  return (
    <ul class="cats">
      {CATEGORIES.filter((c) => counts.has(c)).map((c) => (
        <li>
          {c === current ? (
            <strong aria-current="page">{t(`category.${c}`)}</strong>
          ) : (
            <a href={`/demarches?categorie=${c}`}>{t(`category.${c}`)}</a>
          )}{' '}
          <span class="count">({counts.get(c)})</span>
        </li>
      ))}
    </ul>
  );
}

// "Mes dossiers": drafts to resume or delete, and submitted dossiers with their status.
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { DossierListItem } from '../store.ts';
import { deletePath, dossierPath, paymentPath, reviewPath } from '../paths.ts';
import { StatusTag } from './shared.tsx';

export function MyDossiersPage({ ctx, items, notice }: { ctx: PageContext; items: DossierListItem[]; notice?: 'deleted' | 'saved' }) {
  const { t } = ctx.i18n;
  return (
    <Layout ctx={ctx} title={t('dossiers.mine.title')} breadcrumb={[{ href: '/', label: t('nav.home') }, { label: t('dossiers.mine.title') }]}>
      {notice && <Notice kind="success">{t(notice === 'deleted' ? 'dossiers.mine.deleted' : 'dossiers.mine.saved')}</Notice>}
      <h1>{t('dossiers.mine.title')}</h1>
      {items.length === 0 ? (
        <p>
          {t('dossiers.mine.empty')} <a href="/demarches">{t('account.browse')}</a>
        </p>
      ) : (
        <ul class="cards">
          {items.map((d) => (
            <li>
              <a href={d.status === 'draft' ? reviewPath(d.id) : dossierPath(d.id)}>{d.title}</a>
              <p>
                <StatusTag i18n={ctx.i18n} status={d.status} /> · {d.reference ?? t('dossiers.mine.updated', { date: ctx.i18n.date(d.updatedAt) })}
              </p>
              {/* A draft with a reference waits for its fee (decision 0017): paid, not deleted. */}
              {d.status === 'draft' && d.reference && <a href={paymentPath(d.id)}>{t('payments.title')}</a>}
              {d.status === 'draft' && !d.reference && (
                <form method="post" action={deletePath(d.id)} class="inline">
                  <CsrfField token={ctx.csrf} />
                  <a href={reviewPath(d.id)}>{t('dossiers.mine.resume')}</a>{' '}
                  <button type="submit" class="link">
                    {t('dossiers.mine.delete')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

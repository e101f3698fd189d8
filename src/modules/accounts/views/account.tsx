import { Layout } from '../../../platform/ui/layout.tsx';
import { Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';

export function AccountPage({ ctx, welcome }: { ctx: PageContext; welcome: boolean }) {
  const { t } = ctx.i18n;
  const user = ctx.user!;
  return (
    <Layout ctx={ctx} title={t('account.title')} breadcrumb={[{ href: '/', label: t('nav.home') }, { label: t('account.title') }]}>
      {welcome && <Notice kind="success">{t('account.welcome')}</Notice>}
      <h1>{t('account.title')}</h1>
      <dl class="facts">
        {user.name && (
          <>
            <dt>{t('auth.name.label')}</dt>
            <dd>{user.name}</dd>
          </>
        )}
        {user.phone && (
          <>
            <dt>{t('auth.phone.label')}</dt>
            <dd>{user.phone}</dd>
          </>
        )}
        {user.email && (
          <>
            <dt>{t('auth.email.label')}</dt>
            <dd>{user.email}</dd>
          </>
        )}
        <dt>{t('account.role')}</dt>
        <dd>{t(`role.${user.role}`)}</dd>
      </dl>
      <p>
        <a href="/demarches">{t('account.browse')}</a>
      </p>
    </Layout>
  );
}

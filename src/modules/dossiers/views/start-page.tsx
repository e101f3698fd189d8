// The first page of an online procedure: what it asks, in how many steps, and the button to begin (after
// signing in, for anyone who is not).
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import { textIn, visibleSections, type FormDefinition, type Locale } from '../../forms/index.ts';
import type { ProcedureHead } from '../store.ts';
import { onlineStart } from '../paths.ts';

export function StartPage({ ctx, procedure, definition }: { ctx: PageContext; procedure: ProcedureHead; definition: FormDefinition }) {
  const { t } = ctx.i18n;
  const locale = ctx.i18n.locale as Locale;
  const sections = visibleSections(definition, {});
  const crumbs = [{ href: '/', label: t('nav.home') }, { href: `/demarches/${procedure.slug}`, label: procedure.title }, { label: t('dossiers.start.crumb') }];
  return (
    <Layout ctx={ctx} title={procedure.title} breadcrumb={crumbs}>
      <h1>{procedure.title}</h1>
      <p>{t('dossiers.start.intro', { count: sections.length })}</p>
      <ol>
        {sections.map((s) => (
          <li>{textIn(s.title, locale)}</li>
        ))}
      </ol>
      <p>{t('dossiers.start.saved')}</p>
      <form method="post" action={onlineStart(procedure.slug)}>
        <CsrfField token={ctx.csrf} />
        <button type="submit">{ctx.user ? t('dossiers.start.begin') : t('dossiers.start.signin')}</button>
      </form>
    </Layout>
  );
}

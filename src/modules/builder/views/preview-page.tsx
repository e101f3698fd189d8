// A page of the form being built, as applicants will see it (SectionFields, the applicant pages' own
// component), with links to the previous and next pages. Nothing is saved: the page's own buttons (add an
// item, refine a territory) only show it again with what was typed, through a GET form.
import { Layout } from '../../../platform/ui/layout.tsx';
import { Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import { textIn, type Country, type FormBody, type FormDefinition, type Section } from '../../forms/index.ts';
import { territoriesOf } from '../../territories/index.ts';
import { SectionFields } from '../../dossiers/views/section-fields.tsx';
import { FormScript } from '../../dossiers/views/form-enhance.ts';
import type { BuilderProcedure } from '../store.ts';
import { builderPath, previewPath } from './builder-page.tsx';
import { describeCondition, localeOf } from './words.ts';

export interface PreviewProps {
  ctx: PageContext;
  procedure: BuilderProcedure;
  definition: FormDefinition;
  section: Section;
  /** What was typed, when a button of the page was used. */
  raw?: FormBody;
  extraItems: Record<string, number>;
  country: Country;
  draft: boolean;
}

export function PreviewPage(p: PreviewProps) {
  const { i18n } = p.ctx;
  const { t } = i18n;
  const locale = localeOf(i18n);
  const sections = p.definition.sections;
  const index = sections.findIndex((s) => s.id === p.section.id);
  const previous = sections[index - 1];
  const next = sections[index + 1];
  const title = textIn(p.section.title, locale);
  return (
    <Layout
      ctx={p.ctx}
      title={t('builder.preview.title', { title })}
      breadcrumb={[
        { href: '/admin', label: t('admin.title') },
        { href: `/admin/demarches/${p.procedure.id}`, label: p.procedure.title },
        { href: builderPath(p.procedure.id), label: t('builder.crumb') },
        { label: t('builder.preview.crumb') },
      ]}
    >
      <Notice kind="warning">{t(p.draft ? 'builder.preview.banner.draft' : 'builder.preview.banner.published')}</Notice>
      <p class="step">{t('builder.preview.step', { step: index + 1, count: sections.length })}</p>
      <h1>{title}</h1>
      {p.section.description && <p>{textIn(p.section.description, locale)}</p>}
      {p.section.visibleIf && <p class="hint">{t('builder.section.shownif', { condition: describeCondition(p.section.visibleIf, p.definition, i18n) })}</p>}
      <form method="get" action={previewPath(p.procedure.id).split('?')[0]} novalidate>
        <input type="hidden" name="page" value={p.section.id} />
        <SectionFields
          def={p.definition}
          section={p.section}
          answers={{}}
          raw={p.raw}
          errors={[]}
          i18n={i18n}
          locale={locale}
          country={p.country}
          territories={territoriesOf(p.country)}
          extraItems={p.extraItems}
          fileHref={() => '#'}
        />
      </form>
      <nav class="pages" aria-label={t('builder.preview.nav')}>
        {previous && (
          <a href={previewPath(p.procedure.id, previous.id)} rel="prev">
            {t('builder.preview.previous', { title: textIn(previous.title, locale) })}
          </a>
        )}
        {next && (
          <a href={previewPath(p.procedure.id, next.id)} rel="next">
            {t('builder.preview.next', { title: textIn(next.title, locale) })}
          </a>
        )}
      </nav>
      <p>
        <a href={builderPath(p.procedure.id)}>{t('builder.preview.back')}</a>
      </p>
      <FormScript />
    </Layout>
  );
}

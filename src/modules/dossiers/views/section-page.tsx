// One page of the form. Multipart only when the page has file inputs (the CSRF token then rides in the
// address, as the body is read after the check).
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import { textIn, visibleSections, type Country, type FieldError, type FormBody, type Locale, type Section } from '../../forms/index.ts';
import type { OpenDossier } from '../drafts.ts';
import { MY_DOSSIERS, sectionPath } from '../paths.ts';
import { FormScript } from './form-enhance.ts';
import { DossierFields, errorMessages } from './shared.tsx';

interface Props {
  ctx: PageContext;
  open: OpenDossier;
  section: Section;
  raw?: FormBody;
  errors: FieldError[];
  extraItems: Record<string, number>;
  country: Country;
}

const hasFiles = (section: Section) =>
  section.fields.some((f) => f.type === 'attachment' || f.type === 'identityDocument' || (f.type === 'repeat' && f.fields.some((c) => c.type === 'attachment' || c.type === 'identityDocument')));

export function SectionPage({ ctx, open, section, raw, errors, extraItems, country }: Props) {
  const { t } = ctx.i18n;
  const locale = ctx.i18n.locale as Locale;
  const { dossier, definition, procedure } = open;
  const sections = visibleSections(definition, dossier.answers);
  const step = sections.findIndex((s) => s.id === section.id) + 1;
  const title = textIn(section.title, locale);
  const action = sectionPath(dossier.id, section.id);
  const multipart = hasFiles(section);
  return (
    <Layout ctx={ctx} title={`${title} · ${procedure.title}`} breadcrumb={[{ href: MY_DOSSIERS, label: t('dossiers.mine.title') }, { label: procedure.title }]}>
      <p class="step">{t('dossiers.page.step', { step, count: sections.length + 1 })}</p>
      <h1>{title}</h1>
      {section.description && <p>{textIn(section.description, locale)}</p>}
      {open.dropped.length > 0 && <Notice kind="warning">{t('dossiers.page.formchanged')}</Notice>}
      <ErrorSummary title={t('form.errors')} errors={errorMessages(ctx.i18n, errors)} />
      <form
        method="post"
        action={multipart ? `${action}?_csrf=${encodeURIComponent(ctx.csrf ?? '')}` : action}
        enctype={multipart ? 'multipart/form-data' : undefined}
        novalidate
      >
        {!multipart && <CsrfField token={ctx.csrf} />}
        <DossierFields ctx={ctx} open={open} section={section} raw={raw} errors={errors} country={country} extraItems={extraItems} />
        <div class="actions">
          <button type="submit">{t('dossiers.page.continue')}</button>
          <button type="submit" name="_save" value="1" class="secondary">
            {t('dossiers.page.saveleave')}
          </button>
        </div>
      </form>
      <FormScript />
    </Layout>
  );
}

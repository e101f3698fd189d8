// The answers the administration asked to correct, with its reason; sending them returns the dossier.
import { Layout } from '../../../platform/ui/layout.tsx';
import { ErrorSummary, Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import { textIn, type Country, type FieldError, type FormBody, type Locale } from '../../forms/index.ts';
import type { OpenDossier } from '../drafts.ts';
import { correctionSections, type OpenCorrection } from '../corrections.ts';
import { correctionPath, dossierPath } from '../paths.ts';
import { FormScript } from './form-enhance.ts';
import { DossierFields, errorMessages } from './shared.tsx';

interface Props {
  ctx: PageContext;
  open: OpenDossier;
  correction: OpenCorrection;
  raw?: FormBody;
  errors: FieldError[];
  country: Country;
}

export function CorrectionPage({ ctx, open, correction, raw, errors, country }: Props) {
  const { t } = ctx.i18n;
  const locale = ctx.i18n.locale as Locale;
  const { dossier, definition, procedure } = open;
  const action = `${correctionPath(dossier.id)}?_csrf=${encodeURIComponent(ctx.csrf ?? '')}`;
  return (
    <Layout ctx={ctx} title={`${t('dossiers.correction.title')} · ${dossier.reference}`} breadcrumb={[{ href: dossierPath(dossier.id), label: dossier.reference! }, { label: t('dossiers.correction.title') }]}>
      <h1>{t('dossiers.correction.title')}</h1>
      <p>{procedure.title}</p>
      <Notice kind="warning">
        <p>{t('dossiers.correction.asked')}</p>
        <p class="body">{correction.reason}</p>
      </Notice>
      <ErrorSummary title={t('form.errors')} errors={errorMessages(ctx.i18n, errors)} />
      <form method="post" action={action} enctype="multipart/form-data" novalidate>
        {correctionSections(definition, correction.fields).map((section) => (
          <fieldset class="section">
            <legend>{textIn(section.title, locale)}</legend>
            <DossierFields ctx={ctx} open={open} section={section} raw={raw} errors={errors} country={country} />
          </fieldset>
        ))}
        <button type="submit">{t('dossiers.correction.send')}</button>
      </form>
      <FormScript />
    </Layout>
  );
}

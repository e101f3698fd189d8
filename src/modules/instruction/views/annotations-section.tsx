// "Annotations privées" on the agent's dossier page: the procedure's private fields, drawn by the applicant's
// own field renderer (the same inputs, hints and error messages) inside a back-office form that carries the
// dossier's version. Posted without script; a refused post comes back here with the errors beside the fields.
import { CsrfField, ErrorSummary } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { Country, Locale } from '../../forms/index.ts';
import { errorMessages, SectionFields } from '../../dossiers/index.ts';
import { territoriesOf } from '../../territories/index.ts';
import type { AnnotationsState } from '../annotations.ts';
import { annotationsPath } from '../annotations-routes.tsx';
import type { AgentView } from '../service.ts';

export function AnnotationsSection(p: { ctx: PageContext; view: AgentView; state: AnnotationsState; country: Country }) {
  const { t } = p.ctx.i18n;
  const { dossier, open } = p.view;
  const { form, values, raw, errors } = p.state;
  return (
    <section id="annotations" aria-labelledby="annotations-title">
      <h2 id="annotations-title">{t('instruction.annotations.title')}</h2>
      <p class="hint">{t('instruction.annotations.intro')}</p>
      <ErrorSummary title={t('instruction.annotations.errors')} errors={errorMessages(p.ctx.i18n, errors)} />
      {/* The fragment brings the agent back to this section when the page comes back with errors. */}
      <form method="post" action={`${annotationsPath(dossier.id)}#annotations`} class="card" novalidate>
        <CsrfField token={p.ctx.csrf} />
        <input type="hidden" name="version" value={String(dossier.version)} />
        <SectionFields
          def={form.definition}
          section={form.section}
          answers={{ ...open.dossier.answers, ...values }}
          raw={raw}
          errors={errors}
          i18n={p.ctx.i18n}
          locale={p.ctx.i18n.locale as Locale}
          country={p.country}
          territories={territoriesOf(p.country)}
          fileHref={() => ''}
        />
        {form.skipped.length > 0 && <p class="hint">{t('instruction.annotations.skipped')}</p>}
        <button type="submit">{t('instruction.annotations.save')}</button>
      </form>
    </section>
  );
}

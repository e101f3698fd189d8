// The last page before submission: every answer, a "change" link per page, what is still missing, and the
// submit form with its one-time key.
import { Layout } from '../../../platform/ui/layout.tsx';
import { CsrfField, Notice } from '../../../platform/ui/components.tsx';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { I18n } from '../../../platform/i18n/index.ts';
import type { Country, FieldError, FormDefinition } from '../../forms/index.ts';
import type { OpenDossier } from '../drafts.ts';
import { deletePath, MY_DOSSIERS, sectionPath, submitPath } from '../paths.ts';
import { DossierAnswers, errorMessages } from './shared.tsx';

interface Props {
  ctx: PageContext;
  open: OpenDossier;
  errors: FieldError[];
  submitKey: string;
  country: Country;
}

export function ReviewPage({ ctx, open, errors, submitKey, country }: Props) {
  const { t } = ctx.i18n;
  const { dossier, definition, procedure } = open;
  return (
    <Layout ctx={ctx} title={`${t('dossiers.review.title')} · ${procedure.title}`} breadcrumb={[{ href: MY_DOSSIERS, label: t('dossiers.mine.title') }, { label: procedure.title }]}>
      <h1>{t('dossiers.review.title')}</h1>
      <p>{procedure.title}</p>
      {open.dropped.length > 0 && <Notice kind="warning">{t('dossiers.page.formchanged')}</Notice>}
      {errors.length > 0 && <Missing i18n={ctx.i18n} errors={errors} definition={definition} dossierId={dossier.id} />}
      <DossierAnswers ctx={ctx} open={open} country={country} sectionHref={(sectionId) => sectionPath(dossier.id, sectionId)} />
      {errors.length === 0 && (
        <form method="post" action={submitPath(dossier.id)} class="card">
          <p>{t('dossiers.review.confirm')}</p>
          <CsrfField token={ctx.csrf} />
          <input type="hidden" name="cle" value={submitKey} />
          <button type="submit">{t('dossiers.review.submit')}</button>
        </form>
      )}
      <form method="post" action={deletePath(dossier.id)}>
        <CsrfField token={ctx.csrf} />
        <button type="submit" class="link">
          {t('dossiers.review.delete')}
        </button>
      </form>
    </Layout>
  );
}

/** What must still be answered, each linked to the page that asks it. */
function Missing({ i18n, errors, definition, dossierId }: { i18n: I18n; errors: FieldError[]; definition: FormDefinition; dossierId: string }) {
  const pageOf = (field: string) => definition.sections.find((s) => s.fields.some((f) => f.id === field.split('.')[0]))?.id;
  const messages = errorMessages(i18n, errors);
  return (
    <div class="summary" role="alert" tabIndex={-1}>
      <h2>{i18n.t('dossiers.review.missing')}</h2>
      <ul>
        {messages.map((m) => {
          const page = pageOf(m.field);
          return <li>{page ? <a href={`${sectionPath(dossierId, page)}#f-${m.field}`}>{m.message}</a> : m.message}</li>;
        })}
      </ul>
    </div>
  );
}

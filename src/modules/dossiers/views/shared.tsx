// Small pieces shared by the applicant's pages: a dossier's status in words, field errors in the reader's
// language, links to files.
import type { I18n, MessageKey } from '../../../platform/i18n/index.ts';
import type { DossierStatus } from '../../../platform/db/schema.ts';
import type { FieldError as UiFieldError } from '../../../platform/ui/components.tsx';
import { textIn, type AttachmentRef, type FieldError, type Locale } from '../../forms/index.ts';
import { attachmentPath } from '../paths.ts';
import type { PageContext } from '../../../platform/ui/page-context.ts';
import type { Country, FormBody, Section } from '../../forms/index.ts';
import { territoriesOf } from '../../territories/index.ts';
import type { OpenDossier } from '../drafts.ts';
import { SectionFields } from './section-fields.tsx';
import { AnswersView } from './answers-view.tsx';

export function StatusTag({ i18n, status }: { i18n: I18n; status: DossierStatus }) {
  return <strong class={`tag s-${status}`}>{i18n.t(`dossiers.status.${status}` as MessageKey)}</strong>;
}

/** The engine's errors as the error summary shows them: the definition's own message, else the catalog's. */
export function errorMessages(i18n: I18n, errors: FieldError[]): UiFieldError[] {
  return errors.map((e) => ({ field: e.field, message: e.message ? textIn(e.message, i18n.locale as Locale) : i18n.t(e.key as MessageKey, e.params) }));
}

export const fileHref = (dossierId: string) => (ref: AttachmentRef) => attachmentPath(dossierId, ref.id);

/** The inputs of one section of this dossier, as the applicant's pages show them. */
export function DossierFields(p: { ctx: PageContext; open: OpenDossier; section: Section; raw?: FormBody; errors: FieldError[]; country: Country; extraItems?: Record<string, number> }) {
  const { dossier, definition } = p.open;
  return (
    <SectionFields
      def={definition}
      section={p.section}
      answers={dossier.answers}
      raw={p.raw}
      errors={p.errors}
      i18n={p.ctx.i18n}
      locale={p.ctx.i18n.locale as Locale}
      country={p.country}
      territories={territoriesOf(p.country)}
      extraItems={p.extraItems}
      fileHref={fileHref(dossier.id)}
    />
  );
}

/** This dossier's answers, read-only, with "change" links when `sectionHref` is given. */
export function DossierAnswers(p: { ctx: PageContext; open: OpenDossier; country: Country; sectionHref?: (sectionId: string) => string; headingLevel?: 2 | 3; fileHref?: (ref: AttachmentRef) => string }) {
  const { dossier, definition } = p.open;
  return (
    <AnswersView
      def={definition}
      answers={dossier.answers}
      i18n={p.ctx.i18n}
      locale={p.ctx.i18n.locale as Locale}
      country={p.country}
      territories={territoriesOf(p.country)}
      fileHref={p.fileHref ?? fileHref(dossier.id)}
      sectionHref={p.sectionHref}
      headingLevel={p.headingLevel}
    />
  );
}

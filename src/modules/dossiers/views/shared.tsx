// Small pieces shared by the applicant's pages: a dossier's status in words, field errors in the reader's
// language, links to files.
import type { I18n, MessageKey } from '../../../platform/i18n/index.ts';
import type { DossierStatus } from '../../../platform/db/schema.ts';
import type { FieldError as UiFieldError } from '../../../platform/ui/components.tsx';
import { textIn, type AttachmentRef, type FieldError, type Locale } from '../../forms/index.ts';
import { attachmentPath } from '../paths.ts';

export function StatusTag({ i18n, status }: { i18n: I18n; status: DossierStatus }) {
  return <strong class={`tag s-${status}`}>{i18n.t(`dossiers.status.${status}` as MessageKey)}</strong>;
}

/** The engine's errors as the error summary shows them: the definition's own message, else the catalog's. */
export function errorMessages(i18n: I18n, errors: FieldError[]): UiFieldError[] {
  return errors.map((e) => ({ field: e.field, message: e.message ? textIn(e.message, i18n.locale as Locale) : i18n.t(e.key as MessageKey, e.params) }));
}

export const fileHref = (dossierId: string) => (ref: AttachmentRef) => attachmentPath(dossierId, ref.id);

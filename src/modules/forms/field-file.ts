// Files. The caller receives and stores uploads, works out their kind from their content and hands the
// engine a reference; the engine checks that reference against the field (kind, size). A reference is
// never taken from a form body: only from the caller (ReadContext.attachments) or from stored answers.
import { fail, obj, ok, str, type Validator } from './field-kit.ts';
import { DOCUMENT_KINDS, ID_DOCUMENT_KINDS, type AttachmentField, type AttachmentRef, type DocumentKind, type FieldError, type IdDocumentKind, type IdentityDocumentField } from './types.ts';

export const DEFAULT_KINDS: DocumentKind[] = ['pdf', 'jpeg', 'png'];
export const DEFAULT_MAX_SIZE_MB = 5;
/** Sizes are in MiB, as phones and file managers show them; the upload limit of the caller must agree. */
export const MB = 1024 * 1024;

const KIND_NAMES: Record<DocumentKind, string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG', webp: 'WebP' };

type FileRead = { ref: AttachmentRef | undefined; error?: undefined } | { ref?: undefined; error: FieldError };

function checkFile(input: unknown, accept: DocumentKind[], maxSizeMb: number, path: string): FileRead {
  const r = obj(input);
  if (Object.keys(r).length === 0) return { ref: undefined };
  const { id, name, size, kind, sha256 } = r;
  if (
    typeof id !== 'string' ||
    id === '' ||
    id.length > 200 ||
    typeof size !== 'number' ||
    !Number.isSafeInteger(size) ||
    size < 0 ||
    !DOCUMENT_KINDS.includes(kind as DocumentKind) ||
    typeof sha256 !== 'string' ||
    !/^[0-9a-f]{64}$/i.test(sha256)
  ) {
    return { error: { field: path, key: 'forms.error.file' } };
  }
  if (!accept.includes(kind as DocumentKind)) {
    return { error: { field: path, key: 'forms.error.filekind', params: { kinds: accept.map((k) => KIND_NAMES[k]).join(', ') } } };
  }
  if (size === 0) return { error: { field: path, key: 'forms.error.fileempty' } };
  if (size > maxSizeMb * MB) return { error: { field: path, key: 'forms.error.filesize', params: { max: maxSizeMb } } };
  return { ref: { id, name: str(name).slice(0, 255) || 'document', size, kind: kind as DocumentKind, sha256: sha256.toLowerCase() } };
}

export const attachment: Validator<AttachmentField> = (field, input, path) => {
  const file = checkFile(input, field.accept, field.maxSizeMb ?? DEFAULT_MAX_SIZE_MB, path);
  return file.error ? { error: file.error } : { value: file.ref };
};

/**
 * An identity document: its kind, its number and a scan. The number's format is not checked beyond letters
 * and digits: card, passport and consular numbers differ by country and by year of issue.
 */
export const identityDocument: Validator<IdentityDocumentField> = (field, input, path) => {
  const d = obj(input);
  const kind = str(d.kind);
  const number = str(d.number).replace(/[\s.-]/g, '').toUpperCase();
  const file = checkFile(d.file, field.accept ?? DEFAULT_KINDS, field.maxSizeMb ?? DEFAULT_MAX_SIZE_MB, path);
  if (file.error) return { error: file.error };
  if (kind === '' && number === '' && file.ref === undefined) return { value: undefined };
  if (!(ID_DOCUMENT_KINDS as readonly string[]).includes(kind)) return fail(path, 'forms.error.idkind');
  if (!/^[A-Z0-9/]{3,30}$/.test(number)) return fail(path, 'forms.error.idnumber');
  if (file.ref === undefined) return fail(path, 'forms.error.requiredfile');
  return ok({ kind: kind as IdDocumentKind, number, file: file.ref });
};

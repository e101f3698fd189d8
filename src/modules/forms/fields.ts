// One validator per field type (in field-*.ts by family), and the `required` rule on top of them. Pages
// (read.ts), submission (validate.ts) and revision migration (revisions.ts) all go through here.
import { isEmpty } from './conditions.ts';
import { fail, type FieldContext, type Read, type Validator } from './field-kit.ts';
import { amount, decimal, integer } from './field-number.ts';
import { checkbox, choice, multichoice, yesno } from './field-choice.ts';
import { date, datetime } from './field-date.ts';
import { attachment, identityDocument } from './field-file.ts';
import { dossierLink, nationalId, phone } from './field-identifiers.ts';
import { address, geo, territory } from './field-place.ts';
import { email, text, textarea } from './field-text.ts';
import type { FormsMessageKey } from './messages.ts';
import type { InputField, InputType } from './types.ts';

export type { FieldContext, Read } from './field-kit.ts';

const VALIDATORS: { [T in InputType]: Validator<Extract<InputField, { type: T }>> } = {
  text,
  textarea,
  integer,
  decimal,
  amount,
  date,
  datetime,
  email,
  phone,
  yesno,
  checkbox,
  choice,
  multichoice,
  territory,
  address,
  nationalId,
  attachment,
  identityDocument,
  dossierLink,
  geo,
};

/** The message for a required answer left out, in the words of the question's kind. */
const REQUIRED: Partial<Record<InputType, FormsMessageKey>> = {
  yesno: 'forms.error.requiredchoice',
  choice: 'forms.error.requiredchoice',
  multichoice: 'forms.error.requiredchoice',
  territory: 'forms.error.territory',
  attachment: 'forms.error.requiredfile',
  identityDocument: 'forms.error.idkind',
};

/** The field's own checks on one input, `required` aside (a draft may be incomplete). */
export function checkValue(field: InputField, input: unknown, path: string, ctx: FieldContext): Read {
  return (VALIDATORS[field.type] as Validator<InputField>)(field, input, path, ctx);
}

/** Reads one field's input: the typed value (`undefined`: no answer) or the first problem found. */
export function readField(field: InputField, input: unknown, path: string, ctx: FieldContext): Read {
  const read = checkValue(field, input, path, ctx);
  if (read.error || !field.required) return read;
  if (field.type === 'checkbox') return read.value === true ? read : fail(path, 'forms.error.checkbox');
  return isEmpty(read.value) ? fail(path, REQUIRED[field.type] ?? 'forms.error.required') : read;
}

// Answers picked rather than typed: yes/no, a box to tick, one or several options of a list.
import { fail, none, ok, str, type Validator } from './field-kit.ts';
import type { CheckboxField, ChoiceField, MultiChoiceField, YesNoField } from './types.ts';

/** Radio buttons send `yes` or `no`; a stored answer is a boolean. */
export const yesno: Validator<YesNoField> = (_field, input, path) => {
  const s = str(input);
  if (s === '') return none;
  if (s === 'yes' || s === 'true') return ok(true);
  if (s === 'no' || s === 'false') return ok(false);
  return fail(path, 'forms.error.yesno');
};

/**
 * A ticked box sends `on`; an unticked one sends nothing, which is an answer (false), not a missing one.
 * Whether it had to be ticked is checked with `required` (fields.ts).
 */
export const checkbox: Validator<CheckboxField> = (_field, input) => ok(['on', 'true', 'yes'].includes(str(input)));

export const choice: Validator<ChoiceField> = (field, input, path) => {
  const s = str(input);
  if (s === '') return none;
  return field.options.some((o) => o.value === s) ? ok(s) : fail(path, 'forms.error.choice');
};

/** Several checkboxes of one name: the values chosen, once each, in the order of the list. */
export const multichoice: Validator<MultiChoiceField> = (field, input, path) => {
  const raw = (Array.isArray(input) ? input : [input]).map((v) => (typeof v === 'string' ? str(v) : '')).filter((v) => v !== '');
  if (raw.some((v) => !field.options.some((o) => o.value === v))) return fail(path, 'forms.error.choice');
  const values = field.options.map((o) => o.value).filter((v) => raw.includes(v));
  if (values.length === 0) return none;
  if (field.min !== undefined && values.length < field.min) return fail(path, 'forms.error.choicesmin', { min: field.min });
  if (field.max !== undefined && values.length > field.max) return fail(path, 'forms.error.choicesmax', { max: field.max });
  return ok(values);
};

// The builder's words for the engine's things: field types and operators by name, conditions in a sentence,
// errors in the reader's language.
import type { I18n, MessageKey } from '../../../platform/i18n/index.ts';
import { isInput, textIn, type Condition, type Field, type FormDefinition, type Locale, type Section } from '../../forms/index.ts';
import { anyField, type BuilderError } from '../edit.ts';

export const typeName = (i18n: I18n, type: string) => i18n.t(`builder.type.${type}` as MessageKey);
export const opName = (i18n: I18n, op: string) => i18n.t(`builder.op.${op}` as MessageKey);

export const localeOf = (i18n: I18n) => i18n.locale as Locale;

/** A field's question (or a heading's words) in the reader's language. */
export function fieldTitle(field: Field, i18n: I18n): string {
  return isInput(field) ? textIn(field.label, localeOf(i18n)) : textIn(field.text, localeOf(i18n));
}

export const sectionTitle = (section: Section, i18n: I18n) => textIn(section.title, localeOf(i18n));

/** « Né au Niger » est égal à « Non » et « Âge » est supérieur à « 18 ». */
export function describeCondition(c: Condition, def: FormDefinition, i18n: I18n, nested = false): string {
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map((x) => describeCondition(x, def, i18n, true));
    const joined = parts.join(` ${i18n.t('all' in c ? 'builder.and' : 'builder.or')} `);
    return nested && parts.length > 1 ? `(${joined})` : joined;
  }
  const target = anyField(def, c.field);
  const field = target ? fieldTitle(target, i18n) : c.field;
  if (c.value === undefined) return i18n.t('builder.rule.novalue', { field, op: opName(i18n, c.op) });
  let value = String(c.value);
  if (typeof c.value === 'boolean') value = i18n.t(c.value ? 'forms.yes' : 'forms.no');
  else if (target && (target.type === 'choice' || target.type === 'multichoice')) {
    const option = target.options.find((o) => o.value === c.value);
    if (option) value = textIn(option.label, localeOf(i18n));
  }
  return i18n.t('builder.rule', { field, op: opName(i18n, c.op), value });
}

/** An error's message; type and operator names in words. */
export function errorText(i18n: I18n, e: BuilderError): string {
  const params = { ...e.params };
  if (typeof params.type === 'string') params.type = typeName(i18n, params.type);
  if (typeof params.op === 'string') params.op = opName(i18n, params.op);
  return i18n.t(e.key, params);
}

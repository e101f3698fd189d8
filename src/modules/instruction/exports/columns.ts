// The columns an agent may choose for an export: facts of the dossier, then every question of the
// procedure's published form, page by page. A column's id is what forms post and column sets keep:
// `d.<fact>` for a fact, `r.<field>` for an answer, `r.<block>.<field>` for a question of a repeated block.
import type { I18n, MessageKey } from '../../../platform/i18n/index.ts';
import { isInput, textIn, type FormDefinition, type InputField, type Locale, type RepeatField } from '../../forms/index.ts';

export const FACTS = ['reference', 'status', 'submitted_at', 'decided_at', 'due_at', 'team', 'applicant_name', 'applicant_phone', 'applicant_email'] as const;
export type Fact = (typeof FACTS)[number];

export type Column =
  | { id: string; label: string; kind: 'fact'; fact: Fact }
  | { id: string; label: string; kind: 'answer'; field: InputField; block?: RepeatField };

export interface ColumnGroup {
  /** The fieldset's legend on the page: "Dossier", or the title of a page of the form. */
  legend: string;
  columns: Column[];
}

/** A first choice that makes sense for most tables: who, what, when, where it stands. */
export const DEFAULT_COLUMNS = ['d.reference', 'd.status', 'd.submitted_at', 'd.applicant_name'];

export function columnGroups(def: FormDefinition | undefined, i18n: I18n): ColumnGroup[] {
  const locale = i18n.locale as Locale;
  const facts: Column[] = FACTS.map((fact) => ({ id: `d.${fact}`, label: i18n.t(`instruction.export.col.${fact}` as MessageKey), kind: 'fact', fact }));
  const groups: ColumnGroup[] = [{ legend: i18n.t('instruction.export.group.dossier'), columns: facts }];
  for (const section of def?.sections ?? []) {
    const columns: Column[] = [];
    for (const field of section.fields) {
      if (!isInput(field)) continue;
      if (field.type !== 'repeat') {
        columns.push({ id: `r.${field.id}`, label: textIn(field.label, locale), kind: 'answer', field });
        continue;
      }
      // One column per question of the block; the items' answers are joined in its cell.
      const block = textIn(field.label, locale);
      for (const child of field.fields) {
        if (isInput(child)) columns.push({ id: `r.${field.id}.${child.id}`, label: `${block} — ${textIn(child.label, locale)}`, kind: 'answer', field: child as InputField, block: field });
      }
    }
    if (columns.length > 0) groups.push({ legend: textIn(section.title, locale), columns });
  }
  return groups;
}

/** The chosen columns in the page's order; `unknown` lists the ids that are not columns of this procedure. */
export function pickColumns(groups: ColumnGroup[], ids: string[]): { columns: Column[]; unknown: string[] } {
  const all = groups.flatMap((g) => g.columns);
  const wanted = new Set(ids);
  const known = new Set(all.map((c) => c.id));
  return { columns: all.filter((c) => wanted.has(c.id)), unknown: [...wanted].filter((id) => !known.has(id)) };
}

// The shape of a procedure's form: sections (one page each) of fields, with conditions on earlier answers.
// Definitions are data (built in the back office or written as YAML); see definition.ts for their schema.
export type Locale = 'fr' | 'en' | 'ha' | 'dje' | 'wo';
export type Country = 'ne' | 'sn' | 'ci';

/** A text shown to people: French alone, or French with translations. */
export type Text = string | ({ fr: string } & Partial<Record<Exclude<Locale, 'fr'>, string>>);

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { field: string; op: 'equals' | 'differs' | 'lt' | 'gt' | 'includes' | 'empty' | 'filled'; value?: string | number | boolean };

export interface Option {
  value: string;
  label: Text;
}

export type DocumentKind = 'pdf' | 'jpeg' | 'png' | 'webp';

interface Base {
  id: string;
  label: Text;
  hint?: Text;
  required?: boolean;
  visibleIf?: Condition;
  /** An annotation of the agents: never shown to, nor accepted from, the applicant. */
  private?: boolean;
}

export type InputField =
  | (Base & { type: 'text'; minLength?: number; maxLength?: number; pattern?: string; patternMessage?: Text })
  | (Base & { type: 'textarea'; maxLength?: number })
  | (Base & { type: 'integer' | 'amount'; min?: number; max?: number })
  | (Base & { type: 'decimal'; min?: number; max?: number; decimals?: number })
  | (Base & { type: 'date' | 'datetime'; past?: boolean; future?: boolean; min?: string; max?: string })
  | (Base & { type: 'email' | 'yesno' | 'checkbox' | 'address' | 'geo' | 'dossierLink' })
  | (Base & { type: 'phone'; countries?: Country[] })
  | (Base & { type: 'choice'; options: Option[]; display?: 'radio' | 'select' })
  | (Base & { type: 'multichoice'; options: Option[]; min?: number; max?: number })
  | (Base & { type: 'territory'; level?: 'region' | 'department' | 'commune'; country?: Country })
  | (Base & { type: 'nationalId'; country?: Country })
  | (Base & { type: 'attachment'; accept?: DocumentKind[]; maxSizeMb?: number; template?: string })
  | (Base & { type: 'identityDocument'; accept?: DocumentKind[]; maxSizeMb?: number });

export interface DisplayField {
  id: string;
  type: 'heading' | 'explanation';
  text: Text;
  visibleIf?: Condition;
}

export interface RepeatField extends Base {
  type: 'repeat';
  fields: (InputField | DisplayField)[];
  min?: number;
  max?: number;
  itemLabel?: Text;
}

export type Field = InputField | DisplayField | RepeatField;
export type FieldType = Field['type'];

export interface Section {
  id: string;
  title: Text;
  description?: Text;
  visibleIf?: Condition;
  fields: Field[];
}

export interface FormDefinition {
  sections: Section[];
}

export interface AttachmentRef {
  id: string;
  name: string;
  size: number;
  kind: DocumentKind;
  sha256: string;
}

export type Scalar = string | number | boolean;
export type Answer = Scalar | string[] | Record<string, unknown> | Record<string, unknown>[] | null;
export type Answers = Record<string, Answer>;

export interface FieldError {
  /** The field's id, or `repeatId.index.childId` inside a repeated block. */
  field: string;
  /** A message key of locales/*.json. */
  key: string;
  params?: Record<string, string | number>;
}

export interface Territories {
  regions: { code: string; name: string; departments: { code: string; name: string; communes: { code: string; name: string }[] }[] }[];
}

export interface ReadContext {
  now: Date;
  timeZone: string;
  country: Country;
  /** Files already stored by the caller, by field path. */
  attachments?: Record<string, AttachmentRef | undefined>;
  territories?: Partial<Record<Country, Territories>>;
  /** Agents may read and write private fields; applicants never. */
  includePrivate?: boolean;
}

export function textIn(text: Text | undefined, locale: Locale): string {
  if (text === undefined) return '';
  return typeof text === 'string' ? text : (text[locale] ?? text.fr);
}

export const isInput = (f: Field): f is InputField | RepeatField => f.type !== 'heading' && f.type !== 'explanation';

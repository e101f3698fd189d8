// The shape of a procedure's form: sections (one page each) of fields, with conditions on earlier answers.
// Definitions are data (written as YAML beside the fiches, later built in the back office); definition.ts
// holds their schema and the rules a schema cannot say. Nothing here does I/O.
import type { FormsMessageKey } from './messages.ts';

export const LOCALES = ['fr', 'en', 'ha', 'dje', 'wo'] as const;
export type Locale = (typeof LOCALES)[number];

export const COUNTRIES = ['ne', 'sn', 'ci'] as const;
export type Country = (typeof COUNTRIES)[number];

/** File kinds the engine knows; the caller decides the kind from the file's content (magic bytes), not its name. */
export const DOCUMENT_KINDS = ['pdf', 'jpeg', 'png', 'webp'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const ID_DOCUMENT_KINDS = ['cni', 'passport', 'consular', 'other'] as const;
export type IdDocumentKind = (typeof ID_DOCUMENT_KINDS)[number];

/** A text shown to people: French alone, or French with translations (missing ones fall back to French). */
export type Text = string | ({ fr: string } & Partial<Record<Exclude<Locale, 'fr'>, string>>);

export function textIn(text: Text | undefined, locale: Locale): string {
  if (text === undefined) return '';
  return typeof text === 'string' ? text : (text[locale] ?? text.fr);
}

export const CONDITION_OPS = ['equals', 'differs', 'lt', 'gt', 'includes', 'empty', 'filled'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { field: string; op: ConditionOp; value?: string | number | boolean };

export interface Option {
  value: string;
  label: Text;
}

interface FieldBase {
  /** Lowercase letters, digits and underscores: it names the input in HTML and the answer in storage. */
  id: string;
  label: Text;
  hint?: Text;
  required?: boolean;
  visibleIf?: Condition;
  /** An annotation of the agents: never shown to, nor accepted from, the applicant. */
  private?: boolean;
}

export interface TextField extends FieldBase {
  type: 'text';
  minLength?: number;
  /** Default 200. */
  maxLength?: number;
  /** A JavaScript regular expression the whole answer must match. */
  pattern?: string;
  /** Shown instead of the generic message when the pattern does not match. */
  patternMessage?: Text;
}
export interface TextareaField extends FieldBase {
  type: 'textarea';
  /** Default 5000. */
  maxLength?: number;
}
export interface IntegerField extends FieldBase {
  type: 'integer';
  min?: number;
  max?: number;
}
export interface DecimalField extends FieldBase {
  type: 'decimal';
  min?: number;
  max?: number;
  /** Digits allowed after the decimal separator; default 2. */
  decimals?: number;
}
/** Money in whole XOF (the franc CFA has no subunit in use). */
export interface AmountField extends FieldBase {
  type: 'amount';
  min?: number;
  max?: number;
}
export interface DateField extends FieldBase {
  type: 'date';
  /** Today or earlier, in the service's time zone. */
  past?: boolean;
  /** Today or later, in the service's time zone. */
  future?: boolean;
  /** YYYY-MM-DD, inclusive. */
  min?: string;
  max?: string;
}
export interface DateTimeField extends FieldBase {
  type: 'datetime';
  past?: boolean;
  future?: boolean;
  /** YYYY-MM-DD, compared with the local date of the answer. */
  min?: string;
  max?: string;
}
export interface EmailField extends FieldBase {
  type: 'email';
}
export interface PhoneField extends FieldBase {
  type: 'phone';
  /** Countries whose numbers are accepted; default all three. */
  countries?: Country[];
}
export interface YesNoField extends FieldBase {
  type: 'yesno';
}
/** A box to tick; `required` means it must be ticked ("I certify…"). */
export interface CheckboxField extends FieldBase {
  type: 'checkbox';
}
export interface ChoiceField extends FieldBase {
  type: 'choice';
  options: Option[];
  display?: 'radio' | 'select';
}
export interface MultiChoiceField extends FieldBase {
  type: 'multichoice';
  options: Option[];
  min?: number;
  max?: number;
}
export type TerritoryLevel = 'region' | 'department' | 'commune';
export interface TerritoryField extends FieldBase {
  type: 'territory';
  /** How deep the answer goes; default commune. */
  level?: TerritoryLevel;
  /** Whose territories; default the country the service runs in. */
  country?: Country;
}
export interface AddressField extends FieldBase {
  type: 'address';
}
export interface NationalIdField extends FieldBase {
  type: 'nationalId';
  /** Whose numbering; default the country the service runs in. */
  country?: Country;
}
export interface AttachmentField extends FieldBase {
  type: 'attachment';
  accept: DocumentKind[];
  /** Default 5 (MiB). */
  maxSizeMb?: number;
  /** A blank form to download and fill in: an https:// address or a path of this site. */
  template?: string;
}
export interface IdentityDocumentField extends FieldBase {
  type: 'identityDocument';
  /** Default pdf, jpeg, png. */
  accept?: DocumentKind[];
  /** Default 5 (MiB). */
  maxSizeMb?: number;
}
export interface DossierLinkField extends FieldBase {
  type: 'dossierLink';
  /** The procedure the linked dossier must belong to; checked by the caller, which can look dossiers up. */
  procedure?: string;
}
export interface GeoField extends FieldBase {
  type: 'geo';
}

export type InputField =
  | TextField
  | TextareaField
  | IntegerField
  | DecimalField
  | AmountField
  | DateField
  | DateTimeField
  | EmailField
  | PhoneField
  | YesNoField
  | CheckboxField
  | ChoiceField
  | MultiChoiceField
  | TerritoryField
  | AddressField
  | NationalIdField
  | AttachmentField
  | IdentityDocumentField
  | DossierLinkField
  | GeoField;
export type InputType = InputField['type'];

/** Words shown between questions; no answer. */
export interface DisplayField {
  id: string;
  type: 'heading' | 'explanation';
  text: Text;
  visibleIf?: Condition;
}

/** A block of fields answered as many times as needed (children, co-owners…). Never nested. */
export interface RepeatField extends FieldBase {
  type: 'repeat';
  fields: ChildField[];
  min?: number;
  /** Default 20. */
  max?: number;
  /** "Enfant", "Co-propriétaire": names one item on the page. */
  itemLabel?: Text;
}

export type ChildField = InputField | DisplayField;
export type Field = ChildField | RepeatField;
export type FieldType = Field['type'];

export interface Section {
  id: string;
  title: Text;
  description?: Text;
  visibleIf?: Condition;
  fields: Field[];
}

/** The fee of the procedure (fee.ts): a fixed part plus answers × unit prices, in whole XOF. */
export interface Fee {
  label?: Text;
  amount: number;
  per?: { field: string; price: number }[];
}

export interface FormDefinition {
  sections: Section[];
  /** Absent: the procedure is free. */
  fee?: Fee;
  /** Owed once the request is accepted, before the applicant receives the documents (« accepted, pay to receive »). */
  feeOnAcceptance?: Fee;
}

export const isInput = (f: Field): f is InputField | RepeatField => f.type !== 'heading' && f.type !== 'explanation';

// ---- Answers ----------------------------------------------------------------------------------------------

/** A stored file, as the caller describes it after storing and checking it; the engine checks kind and size. */
export interface AttachmentRef {
  id: string;
  name: string;
  size: number;
  kind: DocumentKind;
  sha256: string;
}

export interface TerritoryValue {
  region: string;
  department?: string;
  commune?: string;
}
export interface AddressValue {
  line: string;
  city: string;
  commune?: string;
}
export interface GeoValue {
  lat: number;
  lon: number;
}
export interface IdentityDocumentValue {
  kind: IdDocumentKind;
  number: string;
  file: AttachmentRef;
}

/**
 * One typed answer: text, number, yes/no, choices, a compound value, or the items of a repeated block.
 * Dates are `YYYY-MM-DD`; date-times are UTC instants `YYYY-MM-DDTHH:MM:00Z` (shown in the service's zone).
 */
export type Answer =
  | string
  | number
  | boolean
  | string[]
  | TerritoryValue
  | AddressValue
  | GeoValue
  | AttachmentRef
  | IdentityDocumentValue
  | Answers[];

export interface Answers {
  [fieldId: string]: Answer;
}

export interface FieldError {
  /** The field's id, or `repeatId.index.childId` inside a repeated block. */
  field: string;
  /** A message key of locales/*.json (listed with its texts in messages.ts). */
  key: FormsMessageKey;
  params?: Record<string, string | number>;
  /** A message written in the definition (a text field's `patternMessage`): shown instead of the key's text. */
  message?: Text;
}

export interface Territories {
  regions: { code: string; name: string; departments: { code: string; name: string; communes: { code: string; name: string }[] }[] }[];
}

/** What validation needs from outside: the clock and place of the service, and reference lists. */
export interface ValidationContext {
  now: Date;
  /** The service's IANA time zone (Africa/Niamey…): "past" and "future" are judged in it. */
  timeZone: string;
  /** The country the service runs in: default numbering for phones, national ids and territories. */
  country: Country;
  territories?: Partial<Record<Country, Territories>>;
  /** Agents read and write private fields; applicants never (their values are dropped). */
  includePrivate?: boolean;
}

export interface ReadContext extends ValidationContext {
  /** The draft's answers so far: for conditions, and for files already attached on an earlier visit. */
  previous: Answers;
  /**
   * Files stored by the caller for this request, by field path (`id` or `repeatId.index.childId`). A path
   * present with `undefined` means the applicant removed the file; an absent path keeps the previous one.
   */
  attachments: Record<string, AttachmentRef | undefined>;
}

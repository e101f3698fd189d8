// The schema of a form definition (definition.ts) as a JSON Schema (draft 2020-12), for the editors of the
// people who write online forms as YAML: completion of keys and field types, and a mistake underlined while
// typing rather than at `import-procedures --check`. The zod schema stays the only source of the shape; this
// file adds what an editor shows (a title and a description for each field type and each key). The rules a
// shape cannot say (ids used twice, conditions on later fields, bounds out of order) are still only checked
// by `import-procedures --check`.
//
// `npm run schema:forms` writes the result to schemas/online-form.schema.json (write-json-schema.ts);
// json-schema.test.ts fails when that file differs from what this code produces.
import { z } from 'zod';
import { definitionSchema, FIELD_TYPES } from './definition.ts';

/** Where the schema is committed, from the repository root; online forms name it on their first line. */
export const JSON_SCHEMA_FILE = 'schemas/online-form.schema.json';

type Meta = { id?: string; title?: string; description?: string; pattern?: string };
type JsonObject = { [key: string]: unknown };

/** One line per field type: what the applicant sees and answers. */
const FIELD_DOCS: Record<string, { title: string; description: string }> = {
  text: { title: 'Text', description: 'A line of text (200 characters unless maxLength says otherwise); pattern + patternMessage for a fixed format.' },
  textarea: { title: 'Long text', description: 'Several lines of text (5000 characters unless maxLength says otherwise).' },
  integer: { title: 'Whole number', description: 'A whole number, between min and max when given.' },
  decimal: { title: 'Decimal number', description: 'A number with up to `decimals` digits after the separator (2 by default).' },
  amount: { title: 'Amount (FCFA)', description: 'A sum of money in whole FCFA (XOF), never negative.' },
  date: { title: 'Date', description: 'A day. past / future: today or earlier / later, in the service\'s time zone; min and max as YYYY-MM-DD.' },
  datetime: { title: 'Date and time', description: 'A day and an hour, in the service\'s time zone. past / future, min and max (YYYY-MM-DD) as for a date.' },
  email: { title: 'E-mail address', description: 'An e-mail address.' },
  phone: { title: 'Phone number', description: 'A phone number of one of `countries` (default ne, sn, ci), stored as +227…' },
  yesno: { title: 'Yes / no', description: 'A yes-or-no question; conditions on it use value true or false.' },
  checkbox: { title: 'Box to tick', description: 'A box to tick, e.g. "I certify…"; required means it must be ticked.' },
  choice: { title: 'One choice', description: 'One option among `options`, shown as radio buttons (display: radio) or a list (display: select).' },
  multichoice: { title: 'Several choices', description: 'Any number of `options` (between min and max when given).' },
  territory: { title: 'Territory', description: 'Region, then department, then commune, down to `level` (default commune), of `country` (default the service\'s country).' },
  address: { title: 'Postal address', description: 'An address: a line, a city and optionally a commune.' },
  nationalId: { title: 'National identity number', description: 'Senegal: 13-digit NIN; Côte d\'Ivoire: 11-digit NNI; Niger: 5 to 20 letters and digits. `country` defaults to the service\'s country.' },
  attachment: { title: 'File', description: 'A file to upload, of the kinds in `accept` (pdf, jpeg, png, webp), at most maxSizeMb (default 5); `template` links a blank form to download.' },
  identityDocument: { title: 'Identity document', description: 'The kind of document (identity card, passport, consular card, other), its number and a scan or photo.' },
  dossierLink: { title: 'Link to a dossier', description: 'The reference of an earlier dossier (DOS-2026-7K3F9Q), of `procedure` when given.' },
  geo: { title: 'Place on a map', description: 'A latitude and a longitude.' },
  heading: { title: 'Heading', description: 'A title between questions; no answer.' },
  explanation: { title: 'Explanation', description: 'A paragraph between questions; no answer.' },
  repeat: { title: 'Repeated block', description: 'Fields answered once per item (children, experiences…), between min and max items (default max 20). Cannot contain another repeat.' },
};

/** The keys every field (or most of them) has. */
const KEY_DOCS: Record<string, string> = {
  id: 'Lowercase letters, digits and underscores, starting with a letter; unique in the form. Names the answer in storage: do not rename once dossiers exist.',
  type: 'The field type.',
  label: 'The question, in French alone or as { fr: ..., en: ... }.',
  hint: 'A help text shown under the question.',
  required: 'The applicant must answer (true), or may leave it empty (default).',
  visibleIf: 'Asked only when this condition on earlier answers holds; a hidden field\'s answer is discarded.',
  private: 'An annotation of the agents: never shown to, nor asked of, the applicant.',
  text: 'The words shown, in French alone or as { fr: ..., en: ... }.',
  min: 'The smallest value allowed.',
  max: 'The largest value allowed.',
  past: 'Today or earlier.',
  future: 'Today or later.',
  minLength: 'The fewest characters allowed.',
  maxLength: 'The most characters allowed.',
  pattern: 'A JavaScript regular expression the whole answer must match (no need for ^ and $).',
  patternMessage: 'The message shown when the answer does not match the pattern: say what is expected, with an example.',
  decimals: 'Digits allowed after the decimal separator (default 2).',
  countries: 'Countries whose phone numbers are accepted: ne, sn, ci (default all three).',
  options: 'The options: each a value (stored, used in conditions; do not change once dossiers exist) and a label (shown).',
  display: 'radio (all options shown, best up to about 6) or select (a drop-down list).',
  level: 'How deep the answer goes: region, department or commune (default).',
  country: 'Whose territories or numbering: ne, sn or ci (default the country the service runs in).',
  accept: 'File kinds accepted: some of pdf, jpeg, png, webp.',
  maxSizeMb: 'Largest file size in MB (default 5).',
  template: 'A blank form to download and fill in: an https:// address or a path of this site.',
  procedure: 'The slug of the procedure the linked dossier must belong to.',
  fields: 'The fields of one item of the block (any type but repeat).',
  itemLabel: 'Names one item on the page, e.g. "Enfant".',
};

/** Keys whose meaning depends on the field type. */
const TYPE_KEY_DOCS: Record<string, Record<string, string>> = {
  multichoice: { min: 'The fewest options to tick.', max: 'The most options to tick.' },
  repeat: { min: 'The fewest items (0 when the block may stay empty).', max: 'The most items (default 20).' },
  date: { min: 'The earliest date allowed, YYYY-MM-DD.', max: 'The latest date allowed, YYYY-MM-DD.' },
  datetime: { min: 'The earliest day allowed, YYYY-MM-DD.', max: 'The latest day allowed, YYYY-MM-DD.' },
  amount: { min: 'The smallest amount allowed, in FCFA.', max: 'The largest amount allowed, in FCFA.' },
  attachment: { required: 'A file must be attached (true), or may be left out (default).' },
  textarea: { maxLength: 'The most characters allowed (default 5000).' },
  text: { maxLength: 'The most characters allowed (default 200).' },
};

const SECTION_KEY_DOCS: Record<string, string> = {
  id: 'Lowercase letters, digits and underscores, starting with a letter; unique in the form.',
  title: 'The page title, in French alone or as { fr: ..., en: ... }.',
  description: 'A short text under the title.',
  visibleIf: 'The page is shown only when this condition on earlier answers holds.',
  fields: 'The questions of the page, in order.',
};

const CONDITION_DOC =
  'A condition on an earlier answer: { field, op, value } with op one of equals, differs, lt, gt (numbers and dates), ' +
  'includes (multichoice or text), empty, filled (no value); or { all: [...] }, { any: [...] }.';

const CONDITION_KEY_DOCS: Record<string, string> = {
  field: 'The id of a field asked before this one.',
  op: 'equals, differs, lt, gt (numbers and dates), includes (multichoice or text), empty, filled.',
  value: 'What the answer is compared with: an option value, true or false for a yes/no, a number, or a date YYYY-MM-DD. None for empty and filled.',
};

/** The JSON Schema of an online form, built from the zod schema each time (nothing to keep in step by hand). */
export function formJsonSchema(): JsonObject {
  const section = definitionSchema.shape.sections.element;
  const fields = section.shape.fields.element.options as readonly z.ZodObject[];
  const byType = (type: string) => fields.find((f) => (f.shape.type as z.ZodLiteral<string>).value === type);
  const date = byType('date');
  const repeat = byType('repeat');
  if (!date || !repeat) throw new Error('definition.ts: no date or repeat field');

  const registry = z.registry<Meta>();
  registry.add(section, { id: 'section', title: 'Section', description: 'One page of the form: a title and its questions.' });
  registry.add(section.shape.title, { id: 'text', title: 'Words shown to people', description: 'French words, or { fr: ..., en: ..., ha: ..., dje: ..., wo: ... } with French always given; a missing language shows the French.' });
  registry.add(section.shape.visibleIf.unwrap(), { id: 'condition', title: 'Condition', description: CONDITION_DOC });
  // `day` only refines a string; an editor is told its shape.
  registry.add((date.shape.min as z.ZodOptional<z.ZodString>).unwrap(), { pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
  // Fields shared by a page and a repeated block are written once, under $defs/<type>Field.
  for (const field of [...fields, ...(repeat.shape.fields as z.ZodArray<z.ZodDiscriminatedUnion<z.ZodObject[]>>).element.options]) {
    const type = (field.shape.type as z.ZodLiteral<string>).value;
    if (!registry.has(field)) registry.add(field, { id: `${type}Field`, ...FIELD_DOCS[type] });
  }

  const generated = z.toJSONSchema(definitionSchema, { target: 'draft-2020-12', io: 'input', metadata: registry });
  // A copy: zod may share one object between places, and descriptions differ by place.
  const schema = JSON.parse(JSON.stringify(generated)) as JsonObject;
  const defs = schema.$defs as Record<string, JsonObject>;
  for (const [name, def] of Object.entries(defs)) {
    const type = name.endsWith('Field') ? name.slice(0, -'Field'.length) : undefined;
    const docs = name === 'section' ? SECTION_KEY_DOCS : type ? { ...KEY_DOCS, ...TYPE_KEY_DOCS[type] } : {};
    describeKeys(def, docs);
  }
  const leaf = (defs.condition!.anyOf as JsonObject[]).find((branch) => (branch.properties as JsonObject).field);
  if (leaf) describeKeys(leaf, CONDITION_KEY_DOCS);
  const sections = (schema.properties as Record<string, JsonObject>).sections!;
  sections.description = 'The pages of the form, in order.';
  return {
    $schema: schema.$schema,
    $comment: 'Generated from src/modules/forms/definition.ts by `npm run schema:forms`; do not edit by hand. Format: docs/procedures.md, "Online forms".',
    title: 'Guichet online form',
    description: 'The online form of a procedure fiche (procedures/<country>/online/<slug>.yaml): its sections (pages) and their fields.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}

/** The file as committed: two-space indentation and a final newline. */
export function formJsonSchemaText(): string {
  return `${JSON.stringify(formJsonSchema(), null, 2)}\n`;
}

/** The field types the schema offers, read back from it (for tests and tools). */
export function schemaFieldTypes(schema: JsonObject): string[] {
  return Object.values(schema.$defs as Record<string, JsonObject>).flatMap((def) => {
    const type = (def.properties as Record<string, JsonObject> | undefined)?.type;
    return typeof type?.const === 'string' ? [type.const] : [];
  });
}

function describeKeys(def: JsonObject, docs: Record<string, string>): void {
  const properties = def.properties as Record<string, JsonObject> | undefined;
  if (!properties) return;
  for (const [key, property] of Object.entries(properties)) {
    const doc = docs[key];
    if (doc) property.description = doc;
  }
}

/** Every field type has its words: a type added to definition.ts without them fails here, not in an editor. */
export function undocumentedFieldTypes(): string[] {
  return FIELD_TYPES.filter((type) => !FIELD_DOCS[type]);
}

// The schema of a form definition (YAML beside the fiches, later the back office), checked before anyone
// can file on it. Messages are in English and name the path, for the people who write procedures; the rules
// a shape cannot say (unique ids, conditions that only look back, bounds in order) are in definition-checks.ts.
import { z } from 'zod';
import { crossCheck } from './definition-checks.ts';
import { checkFee, feeSchema } from './fee.ts';
import { parseDate } from './field-date.ts';
import { MAX_ITEMS } from './walk.ts';
import { CONDITION_OPS, COUNTRIES, DOCUMENT_KINDS, type Condition, type FormDefinition } from './types.ts';

const id = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lowercase letters, digits and underscores, starting with a letter');
const words = z.string().trim().min(1);
const text = z.union(
  [words, z.object({ fr: words, en: words.optional(), ha: words.optional(), dje: words.optional(), wo: words.optional() }).strict()],
  { error: 'a text: words in French, or { fr: ..., en: ... } with French always given' },
);
const day = z.string().refine((s) => parseDate(s) === s, 'a date written YYYY-MM-DD');
const country = z.enum(COUNTRIES);
const kinds = z.array(z.enum(DOCUMENT_KINDS)).min(1);
const count = z.number().int().min(0);
const whole = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
// Put in citizens' pages as written: an https address or a path of this site, never `javascript:` or `//elsewhere`.
const webLink = z.string().regex(/^(https:\/\/[^\s"<>]+|\/(?![/\\])[^\s"<>]*)$/, 'an https:// address or a path starting with /');
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a procedure slug: lowercase letters, digits and dashes');

const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      z.object({ all: z.array(condition) }).strict(),
      z.object({ any: z.array(condition) }).strict(),
      z.object({ field: id, op: z.enum(CONDITION_OPS), value: z.union([z.string(), z.number(), z.boolean()], { error: 'a text, a number, true or false' }).optional() }).strict(),
    ],
    { error: 'a condition: { field, op, value }, { all: [...] } or { any: [...] }' },
  ),
);

// Read input is trimmed, so an option value with spaces around it could never be chosen.
const optionValue = z.string().min(1).max(100).refine((v) => v === v.trim(), 'no space at the start or the end');
const options = z.array(z.object({ value: optionValue, label: text }).strict()).min(1, 'at least one option');

const base = { id, label: text, hint: text.optional(), required: z.boolean().optional(), visibleIf: condition.optional(), private: z.boolean().optional() };
const field = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ ...base, type: z.literal(type), ...shape }).strict();
const bounds = { min: whole.optional(), max: whole.optional() };
const dates = { past: z.boolean().optional(), future: z.boolean().optional(), min: day.optional(), max: day.optional() };

const inputFields = [
  field('text', {
    minLength: count.optional(),
    maxLength: z.number().int().min(1).max(10_000).optional(),
    pattern: z.string().min(1).max(500).optional(),
    patternMessage: text.optional(),
  }),
  field('textarea', { maxLength: z.number().int().min(1).max(100_000).optional() }),
  field('integer', bounds),
  field('decimal', { min: z.number().optional(), max: z.number().optional(), decimals: z.number().int().min(0).max(6).optional() }),
  field('amount', { min: whole.min(0).optional(), max: whole.min(0).optional() }),
  field('date', dates),
  field('datetime', dates),
  field('email', {}),
  field('phone', { countries: z.array(country).min(1).optional() }),
  field('yesno', {}),
  field('checkbox', {}),
  field('choice', { options, display: z.enum(['radio', 'select']).optional() }),
  field('multichoice', { options, min: count.optional(), max: z.number().int().min(1).optional() }),
  field('territory', { level: z.enum(['region', 'department', 'commune']).optional(), country: country.optional() }),
  field('address', {}),
  field('nationalId', { country: country.optional() }),
  field('attachment', { accept: kinds, maxSizeMb: z.number().positive().max(50).optional(), template: webLink.optional() }),
  field('identityDocument', { accept: kinds.optional(), maxSizeMb: z.number().positive().max(50).optional() }),
  field('dossierLink', { procedure: slug.optional() }),
  field('geo', {}),
] as const;

const displayFields = [
  z.object({ id, type: z.literal('heading'), text, visibleIf: condition.optional() }).strict(),
  z.object({ id, type: z.literal('explanation'), text, visibleIf: condition.optional() }).strict(),
] as const;

export const FIELD_TYPES: string[] = [...[...inputFields, ...displayFields].map((s) => s.shape.type.value), 'repeat'];

const unknownType = `type missing or unknown; one of: ${FIELD_TYPES.join(', ')}`;
// A repeat inside a repeat is said plainly, where it is written, rather than as one more unknown type.
const childField = z.discriminatedUnion('type', [...inputFields, ...displayFields], {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const input = issue.input as { type?: unknown } | undefined;
    return input?.type === 'repeat' ? 'a repeated block cannot contain another repeated block' : unknownType;
  },
});

const repeatField = z
  .object({
    ...base,
    type: z.literal('repeat'),
    fields: z.array(childField).min(1, 'a repeated block needs fields'),
    min: count.optional(),
    max: z.number().int().min(1).max(MAX_ITEMS).optional(),
    itemLabel: text.optional(),
  })
  .strict();

const schema = z
  .object({
    sections: z
      .array(
        z
          .object({
            id,
            title: text,
            description: text.optional(),
            visibleIf: condition.optional(),
            fields: z.array(
              z.discriminatedUnion('type', [...inputFields, ...displayFields, repeatField], {
                error: (issue) => (issue.code === 'invalid_union' ? unknownType : undefined),
              }),
            ),
          })
          .strict(),
      )
      .min(1, 'at least one section'),
    fee: feeSchema.optional(),
    feeOnAcceptance: feeSchema.optional(),
  })
  .strict();

/** The shape alone (without the rules of definition-checks.ts), for tools: json-schema.ts writes it for editors. */
export const definitionSchema = schema;

export interface DefinitionIssue {
  path: (string | number)[];
  message: string;
}

export type ParsedDefinition = { ok: true; definition: FormDefinition } | { ok: false; issues: DefinitionIssue[] };

export function parseDefinition(input: unknown): ParsedDefinition {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.flatMap((issue) => explain(issue, [])) };
  // Typed, not cast: if the schema and types.ts drift apart, this line stops compiling.
  const definition: FormDefinition = parsed.data;
  const issues = [...crossCheck(definition), ...checkFee(definition)];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, definition };
}

/**
 * A zod issue as a person can act on it. When no branch of a union fits, zod says only that; but when one
 * branch fits the input's shape (a condition with `field`, a text with `fr`), its own problems are the
 * useful ones. An unknown key is shown where it is written (a typo such as `requried`), not at its parent.
 */
function explain(issue: z.core.$ZodIssue, prefix: PropertyKey[]): DefinitionIssue[] {
  const at = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const fitting = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
    const best = fitting.sort((a, b) => a.length - b.length)[0];
    if (best) return best.flatMap((i) => explain(i, at));
  }
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) at.push(issue.keys[0]);
  return [{ path: at.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message }];
}

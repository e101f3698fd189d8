// Validates a form definition (from YAML or the back office) before anyone can file on it: the shape, and
// the rules a shape cannot say — unique ids, conditions that only look back, no repeat inside a repeat.
import { z } from 'zod';
import type { Condition, Field, FormDefinition } from './types.ts';

const id = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lowercase letters, digits and underscores, starting with a letter');
const text = z.union([
  z.string().min(1),
  z.object({ fr: z.string().min(1), en: z.string().optional(), ha: z.string().optional(), dje: z.string().optional(), wo: z.string().optional() }).strict(),
]);
const country = z.enum(['ne', 'sn', 'ci']);
const kinds = z.array(z.enum(['pdf', 'jpeg', 'png', 'webp'])).min(1);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(condition) }).strict(),
    z.object({ any: z.array(condition) }).strict(),
    z
      .object({
        field: id,
        op: z.enum(['equals', 'differs', 'lt', 'gt', 'includes', 'empty', 'filled']),
        value: z.union([z.string(), z.number(), z.boolean()]).optional(),
      })
      .strict(),
  ]),
);

const base = { id, label: text, hint: text.optional(), required: z.boolean().optional(), visibleIf: condition.optional(), private: z.boolean().optional() };
const options = z.array(z.object({ value: z.string().min(1).max(100), label: text }).strict()).min(1);

const inputFields = [
  z.object({ ...base, type: z.literal('text'), minLength: z.number().int().min(0).optional(), maxLength: z.number().int().min(1).max(10_000).optional(), pattern: z.string().optional(), patternMessage: text.optional() }).strict(),
  z.object({ ...base, type: z.literal('textarea'), maxLength: z.number().int().min(1).max(100_000).optional() }).strict(),
  z.object({ ...base, type: z.enum(['integer', 'amount']), min: z.number().int().optional(), max: z.number().int().optional() }).strict(),
  z.object({ ...base, type: z.literal('decimal'), min: z.number().optional(), max: z.number().optional(), decimals: z.number().int().min(0).max(6).optional() }).strict(),
  z.object({ ...base, type: z.enum(['date', 'datetime']), past: z.boolean().optional(), future: z.boolean().optional(), min: date.optional(), max: date.optional() }).strict(),
  z.object({ ...base, type: z.enum(['email', 'yesno', 'checkbox', 'address', 'geo', 'dossierLink']) }).strict(),
  z.object({ ...base, type: z.literal('phone'), countries: z.array(country).min(1).optional() }).strict(),
  z.object({ ...base, type: z.literal('choice'), options, display: z.enum(['radio', 'select']).optional() }).strict(),
  z.object({ ...base, type: z.literal('multichoice'), options, min: z.number().int().min(0).optional(), max: z.number().int().min(1).optional() }).strict(),
  z.object({ ...base, type: z.literal('territory'), level: z.enum(['region', 'department', 'commune']).optional(), country: country.optional() }).strict(),
  z.object({ ...base, type: z.literal('nationalId'), country: country.optional() }).strict(),
  z.object({ ...base, type: z.literal('attachment'), accept: kinds.optional(), maxSizeMb: z.number().positive().max(50).optional(), template: z.string().optional() }).strict(),
  z.object({ ...base, type: z.literal('identityDocument'), accept: kinds.optional(), maxSizeMb: z.number().positive().max(50).optional() }).strict(),
] as const;
const displayField = z.object({ id, type: z.enum(['heading', 'explanation']), text, visibleIf: condition.optional() }).strict();
const childField = z.union([...inputFields, displayField]);
const repeatField = z
  .object({ ...base, type: z.literal('repeat'), fields: z.array(childField).min(1), min: z.number().int().min(0).optional(), max: z.number().int().min(1).max(100).optional(), itemLabel: text.optional() })
  .strict();

const schema = z
  .object({
    sections: z
      .array(z.object({ id, title: text, description: text.optional(), visibleIf: condition.optional(), fields: z.array(z.union([childField, repeatField])) }).strict())
      .min(1),
  })
  .strict();

export interface DefinitionIssue {
  path: (string | number)[];
  message: string;
}

export type ParsedDefinition = { ok: true; definition: FormDefinition } | { ok: false; issues: DefinitionIssue[] };

export function parseDefinition(input: unknown): ParsedDefinition {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    // A repeat inside a repeat fails the shape; say so plainly rather than list every union branch.
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
    return { ok: false, issues: nestedRepeatIssues(input) ?? issues };
  }
  const definition = parsed.data as FormDefinition;
  const issues = crossCheck(definition);
  return issues.length ? { ok: false, issues } : { ok: true, definition };
}

function nestedRepeatIssues(input: unknown): DefinitionIssue[] | null {
  const sections = (input as { sections?: { fields?: { type?: string; fields?: { type?: string }[] }[] }[] })?.sections;
  const found: DefinitionIssue[] = [];
  sections?.forEach((s, si) =>
    s.fields?.forEach((f, fi) =>
      f.fields?.forEach((c, ci) => {
        if (f.type === 'repeat' && c?.type === 'repeat') found.push({ path: ['sections', si, 'fields', fi, 'fields', ci], message: 'a repeated block cannot contain another' });
      }),
    ),
  );
  return found.length ? found : null;
}

function crossCheck(def: FormDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const seen = new Set<string>();
  const sectionIds = new Set<string>();
  const checkCondition = (c: Condition | undefined, path: (string | number)[], known: Set<string>) => {
    if (!c) return;
    if ('all' in c) return c.all.forEach((x, i) => checkCondition(x, [...path, 'all', i], known));
    if ('any' in c) return c.any.forEach((x, i) => checkCondition(x, [...path, 'any', i], known));
    if (!known.has(c.field)) issues.push({ path: [...path, 'field'], message: `condition on "${c.field}", which is not a field asked before` });
  };
  const checkField = (f: Field, path: (string | number)[], ids: Set<string>, known: Set<string>) => {
    checkCondition(f.visibleIf, [...path, 'visibleIf'], known);
    if (ids.has(f.id)) issues.push({ path: [...path, 'id'], message: `id "${f.id}" used twice` });
    ids.add(f.id);
    if ((f.type === 'choice' || f.type === 'multichoice') && new Set(f.options.map((o) => o.value)).size !== f.options.length) {
      issues.push({ path: [...path, 'options'], message: 'option values must be unique' });
    }
    if ('min' in f && 'max' in f && f.min !== undefined && f.max !== undefined && f.min > f.max) issues.push({ path: [...path, 'min'], message: 'min is greater than max' });
    if (f.type === 'repeat') {
      const childIds = new Set<string>();
      const childKnown = new Set(known);
      f.fields.forEach((c, i) => {
        checkField(c, [...path, 'fields', i], childIds, childKnown);
        childKnown.add(c.id);
      });
    }
  };
  def.sections.forEach((s, si) => {
    if (sectionIds.has(s.id)) issues.push({ path: ['sections', si, 'id'], message: `section id "${s.id}" used twice` });
    sectionIds.add(s.id);
    checkCondition(s.visibleIf, ['sections', si, 'visibleIf'], seen);
    s.fields.forEach((f, fi) => {
      checkField(f, ['sections', si, 'fields', fi], seen, new Set(seen));
      seen.add(f.id);
    });
  });
  return issues;
}

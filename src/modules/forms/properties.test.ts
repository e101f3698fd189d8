// Properties over many generated inputs (fast-check, bounded runs): validators never throw, accept exactly
// what they should, and read back what they stored; conditions obey their algebra.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate } from './conditions.ts';
import { parseDefinition } from './definition.ts';
import type { FieldContext } from './field-kit.ts';
import { readField } from './fields.ts';
import { MESSAGES } from './messages.ts';
import { readSection } from './read.ts';
import { validateAnswers } from './validate.ts';
import type { Answers, Condition, FormDefinition, InputField, ReadContext } from './types.ts';

const RUNS = { numRuns: 200 };
const territories = {
  regions: [{ code: 'ti', name: 'Tillabéri', departments: [{ code: 'ti-say', name: 'Say', communes: [{ code: 'ti-say-say', name: 'Say' }] }] }],
};
const ctx: FieldContext = { now: new Date('2026-06-15T09:30:00Z'), timeZone: 'Africa/Niamey', country: 'ne', territories: { ne: territories } };
const options = [
  { value: 'a', label: 'A' },
  { value: 'b', label: 'B' },
  { value: 'c', label: 'C' },
];
const f = (field: Record<string, unknown> & { type: InputField['type'] }) => ({ id: 'x', label: 'X', ...field }) as InputField;

const FIELDS: InputField[] = [
  f({ type: 'text', pattern: '[a-z ]*' }),
  f({ type: 'textarea', maxLength: 50 }),
  f({ type: 'integer', min: -50, max: 50 }),
  f({ type: 'decimal', decimals: 2 }),
  f({ type: 'amount' }),
  f({ type: 'date', past: true }),
  f({ type: 'datetime' }),
  f({ type: 'email' }),
  f({ type: 'phone' }),
  f({ type: 'yesno' }),
  f({ type: 'checkbox', required: true }),
  f({ type: 'choice', options }),
  f({ type: 'multichoice', options, max: 2 }),
  f({ type: 'territory' }),
  f({ type: 'address' }),
  f({ type: 'nationalId', country: 'sn' }),
  f({ type: 'nationalId' }),
  f({ type: 'attachment', accept: ['pdf'] }),
  f({ type: 'identityDocument' }),
  f({ type: 'dossierLink' }),
  f({ type: 'geo' }),
];

function wellFormed(read: ReturnType<typeof readField>) {
  assert.ok(('error' in read && read.error !== undefined) !== ('value' in read && read.value !== undefined) || (read.error === undefined && read.value === undefined));
  if (read.error) assert.ok(read.error.key in MESSAGES, read.error.key);
}

test('no string makes any field type throw; every error names a known message', () => {
  fc.assert(
    fc.property(fc.constantFrom(...FIELDS), fc.string({ unit: 'binary', maxLength: 60 }), fc.boolean(), (field, input, required) => {
      wellFormed(readField({ ...field, required } as InputField, input, 'x', ctx));
    }),
    RUNS,
  );
});

test('no input of any shape makes any field type throw', () => {
  fc.assert(
    fc.property(fc.constantFrom(...FIELDS), fc.anything({ withNullPrototype: true, withObjectString: true }), (field, input) => {
      wellFormed(readField(field, input, 'x', ctx));
      wellFormed(readField(field, { region: input, line: input, lat: input, lon: input, kind: input, number: input, file: input }, 'x', ctx));
    }),
    RUNS,
  );
});

test('the integer reader accepts exactly the in-range whole numbers', () => {
  const field = f({ type: 'integer', min: -50, max: 50 });
  fc.assert(
    fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
      const read = readField(field, String(n), 'x', ctx);
      assert.equal(read.error === undefined, n >= -50 && n <= 50);
      if (!read.error) assert.equal(read.value, n);
      else assert.equal(read.error.key, n < -50 ? 'forms.error.min' : 'forms.error.max');
    }),
    RUNS,
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 12 }), (s) => {
      const read = readField(field, s, 'x', ctx);
      if (read.value === undefined) return;
      assert.ok(Number.isInteger(read.value) && (read.value as number) >= -50 && (read.value as number) <= 50);
      assert.equal(read.value, Number(s.replace(/[\s\u00a0\u202f]/g, '')) || 0, s);
    }),
    RUNS,
  );
});

const pad = (n: number) => String(n).padStart(2, '0');
const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });
/** Inputs people could type for each field type, each with the field it goes to. */
const typed = fc.oneof(
  fc.tuple(fc.constant(FIELDS[0]!), fc.string({ maxLength: 30 })),
  fc.tuple(fc.constant(FIELDS[1]!), fc.string({ maxLength: 60 })),
  fc.tuple(fc.constant(FIELDS[2]!), fc.integer({ min: -60, max: 60 }).map(String)),
  fc.tuple(fc.constant(FIELDS[3]!), fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 99 })).map(([i, d]) => `${i},${pad(d)}`)),
  fc.tuple(fc.constant(FIELDS[4]!), fc.nat({ max: 10_000_000 }).map((n) => n.toLocaleString('fr-FR'))),
  fc.tuple(fc.constant(FIELDS[5]!), day.map((d) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`)),
  fc.tuple(fc.constant(FIELDS[6]!), day.map((d) => d.toISOString().slice(0, 16))),
  fc.tuple(fc.constant(FIELDS[7]!), fc.emailAddress()),
  fc.tuple(fc.constant(FIELDS[8]!), fc.constantFrom('96 12 34 56', '+221 77 123 45 67', '0022507 07 12 34 56', '90000001')),
  fc.tuple(fc.constant(FIELDS[12]!), fc.subarray(['a', 'b', 'c'])),
  fc.tuple(fc.constant(FIELDS[15]!), fc.stringMatching(/^[12]\d{12}$/)),
  fc.tuple(fc.constant(FIELDS[16]!), fc.stringMatching(/^[a-z0-9 -]{3,22}$/)),
  fc.tuple(fc.constant(FIELDS[19]!), fc.stringMatching(/^dos-20\d\d-[0-9a-z]{6}$/)),
  fc.tuple(fc.constant(FIELDS[20]!), fc.tuple(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true })).map(([lat, lon]) => ({ lat: String(lat), lon: String(lon) }))),
);

test('what a page stores reads back as itself (pages and submission agree)', () => {
  fc.assert(
    fc.property(typed, ([field, input]) => {
      const first = readField(field, input, 'x', ctx);
      if (first.value === undefined) return;
      assert.deepEqual(readField(field, first.value, 'x', ctx), { value: first.value }, JSON.stringify(input));
    }),
    RUNS,
  );
});

const scalar = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constantFrom('1', '01', '2000-01-01'));

test('conditions: equality is reflexive, differs negates equals, empty negates filled', () => {
  fc.assert(
    fc.property(scalar, scalar, (x, v) => {
      const answers: Answers = { f: x };
      const filled = evaluate({ field: 'f', op: 'filled' }, answers);
      assert.equal(evaluate({ field: 'f', op: 'empty' }, answers), !filled);
      const eq = evaluate({ field: 'f', op: 'equals', value: v }, answers);
      assert.equal(evaluate({ field: 'f', op: 'differs', value: v }, answers), filled && !eq);
      assert.equal(evaluate({ any: [{ field: 'f', op: 'equals', value: x }] }, answers), filled, 'any of X equals X');
      assert.ok(!(evaluate({ field: 'f', op: 'lt', value: v }, answers) && evaluate({ field: 'f', op: 'gt', value: v }, answers)));
    }),
    RUNS,
  );
});

const leaf: fc.Arbitrary<Condition> = fc.record({
  field: fc.constantFrom('a', 'b', 'c'),
  op: fc.constantFrom('equals', 'differs', 'lt', 'gt', 'includes', 'empty', 'filled' as const),
  value: scalar,
});
const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('condition'), { maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('condition'), { maxLength: 3 }).map((any) => ({ any })),
  ),
}));
const answers = fc.record({ a: scalar, b: fc.subarray(['x', 'y']), c: scalar }, { requiredKeys: [] }) as fc.Arbitrary<Answers>;

test('conditions: all and any are every and some; all of nothing holds, any of nothing does not', () => {
  fc.assert(
    fc.property(fc.array(condition, { maxLength: 4 }), answers, (cs, a) => {
      assert.equal(evaluate({ all: cs }, a), cs.every((c) => evaluate(c, a)));
      assert.equal(evaluate({ any: cs }, a), cs.some((c) => evaluate(c, a)));
    }),
    RUNS,
  );
});

const parsed = parseDefinition({
  sections: [
    {
      id: 'un',
      title: 'Un',
      fields: [
        { id: 'n', type: 'integer', label: 'N', required: true },
        { id: 'm', type: 'multichoice', label: 'M', options },
        { id: 't', type: 'text', label: 'T', visibleIf: { field: 'n', op: 'gt', value: 3 } },
        { id: 'adr', type: 'address', label: 'Adresse', visibleIf: { field: 'm', op: 'includes', value: 'b' } },
      ],
    },
    {
      id: 'deux',
      title: 'Deux',
      visibleIf: { field: 't', op: 'filled' },
      fields: [
        { id: 'r', type: 'repeat', label: 'R', max: 2, fields: [{ id: 'x', type: 'integer', label: 'X' }, { id: 'y', type: 'yesno', label: 'Y', visibleIf: { field: 'x', op: 'lt', value: 0 } }] },
        { id: 'c', type: 'checkbox', label: 'C', required: true },
      ],
    },
  ],
});
assert.ok(parsed.ok);
const def: FormDefinition = parsed.definition;
/** Bodies mixing plausible values for the page's names with junk and names of nothing. */
const value = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -9, max: 9 }).map(String), fc.constantFrom('yes', 'no', 'on', 'a', 'b'));
const body = fc
  .record(
    {
      n: fc.integer({ min: 0, max: 9 }).map(String),
      m: fc.constantFrom('a', 'b', ['a', 'b'], 'z'),
      t: fc.constantFrom('texte', ''),
      'adr.line': fc.constantFrom('Plateau', ''),
      'adr.city': fc.constantFrom('Niamey', ''),
      'r.0.x': fc.integer({ min: -3, max: 3 }).map(String),
      'r.0.y': fc.constantFrom('yes', 'no', 'peut-être'),
      'r.1.x': value,
      'r.2.x': value,
      c: fc.constantFrom('on', ''),
    },
    { requiredKeys: [] },
  )
  .chain((plausible) =>
    fc
      .dictionary(fc.oneof(fc.constantFrom('constructor', '__proto__', 'autre', 'r.', 'r.-1.x', 'r.7.y', 'n'), fc.string({ maxLength: 8 })), fc.oneof(value, fc.array(value, { maxLength: 2 })), { maxKeys: 3 })
      .map((junk) => ({ ...plausible, ...junk })),
  ) as fc.Arbitrary<Record<string, string | string[]>>;

test('any body: a page never throws, keeps only its own visible fields, and what it keeps passes validation', () => {
  fc.assert(
    fc.property(body, body, (one, two) => {
      const rctx: ReadContext = { ...(ctx as ReadContext), previous: {}, attachments: {} };
      const first = readSection(def, 'un', one, rctx);
      assert.ok(Object.keys(first.answers).every((id) => ['n', 'm', 't', 'adr'].includes(id)));
      const second = readSection(def, 'deux', two, { ...rctx, previous: first.answers });
      assert.ok(Object.keys(second.answers).every((id) => ['r', 'c'].includes(id)));
      if (second.answers.r) assert.ok(Array.isArray(second.answers.r));
      const all = { ...first.answers, ...second.answers };
      const v = validateAnswers(def, all, ctx as ReadContext);
      // Answers read without errors need no change at submission.
      if (first.errors.length === 0 && second.errors.length === 0) assert.deepEqual(v, { answers: all, errors: [] });
      // And validation is stable.
      assert.deepEqual(validateAnswers(def, v.answers, ctx as ReadContext).answers, v.answers);
    }),
    RUNS,
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate, visibleSections } from './conditions.ts';
import { parseDefinition } from './definition.ts';
import { readSection, validateAnswers } from './read.ts';
import { migrateAnswers } from './revisions.ts';
import type { FormDefinition, ReadContext } from './types.ts';

const ctx: ReadContext = { now: new Date('2026-06-15T09:30:00Z'), timeZone: 'Africa/Niamey', country: 'ne' };

const definition = (): FormDefinition => {
  const parsed = parseDefinition({
    sections: [
      {
        id: 'identite',
        title: 'Votre identité',
        fields: [
          { id: 'nom', type: 'text', label: 'Nom', required: true },
          { id: 'ne_au_niger', type: 'yesno', label: 'Né au Niger ?', required: true },
          { id: 'pays_naissance', type: 'text', label: 'Pays de naissance', required: true, visibleIf: { field: 'ne_au_niger', op: 'equals', value: false } },
          { id: 'note_agent', type: 'textarea', label: 'Note', private: true },
        ],
      },
      {
        id: 'enfants',
        title: 'Enfants',
        visibleIf: { any: [{ field: 'nom', op: 'includes', value: 'famille' }, { field: 'ne_au_niger', op: 'equals', value: true }] },
        fields: [
          {
            id: 'enfant',
            type: 'repeat',
            label: 'Enfant',
            min: 1,
            max: 3,
            fields: [
              { id: 'prenom', type: 'text', label: 'Prénom', required: true },
              { id: 'age', type: 'integer', label: 'Âge', min: 0, max: 25 },
            ],
          },
        ],
      },
    ],
  });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues));
  return parsed.definition;
};

test('a page is read from its form body: typed values, hidden and foreign answers dropped', () => {
  const def = definition();
  const r = readSection(def, 'identite', { nom: ' Aïcha ', ne_au_niger: 'yes', pays_naissance: 'Mali', note_agent: 'piégé', autre: 'x' }, { ...ctx, previous: {} });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.answers, { nom: 'Aïcha', ne_au_niger: true }, 'the hidden country, the private note and the unknown id are not kept');
  const born = readSection(def, 'identite', { nom: 'Aïcha', ne_au_niger: 'no' }, { ...ctx, previous: {} });
  assert.deepEqual(born.errors, [{ field: 'pays_naissance', key: 'forms.error.required', params: undefined }]);
});

test('repeated blocks: rows by index, empty rows skipped, errors by path, min and max', () => {
  const def = definition();
  const previous = { nom: 'Aïcha', ne_au_niger: true };
  const r = readSection(def, 'enfants', { 'enfant.0.prenom': 'Ali', 'enfant.0.age': '4', 'enfant.1.prenom': '', 'enfant.1.age': '', 'enfant.2.prenom': 'Zara', 'enfant.2.age': 'quatre' }, { ...ctx, previous });
  assert.deepEqual(r.errors, [{ field: 'enfant.2.age', key: 'forms.error.integer', params: undefined }]);
  assert.deepEqual(r.answers.enfant, [{ prenom: 'Ali', age: 4 }, { prenom: 'Zara' }]);
  const none = readSection(def, 'enfants', {}, { ...ctx, previous });
  assert.deepEqual(none.errors.map((e) => e.key), ['forms.error.repeatmin']);
  const many = readSection(def, 'enfants', Object.fromEntries([0, 1, 2, 3].map((i) => [`enfant.${i}.prenom`, `E${i}`])), { ...ctx, previous });
  assert.deepEqual(many.errors.map((e) => e.key), ['forms.error.repeatmax']);
});

test('a section whose condition fails is skipped, and its answers are dropped at submission', () => {
  const def = definition();
  const answers = { nom: 'Moussa', ne_au_niger: false, pays_naissance: 'Bénin', enfant: [{ prenom: 'Ali' }] };
  assert.deepEqual(visibleSections(def, answers).map((s) => s.id), ['identite']);
  const v = validateAnswers(def, answers, ctx);
  assert.deepEqual(v.errors, []);
  assert.deepEqual(v.answers, { nom: 'Moussa', ne_au_niger: false, pays_naissance: 'Bénin' });
  const missing = validateAnswers(def, { nom: 'Moussa' }, ctx);
  assert.deepEqual(missing.errors.map((e) => e.field), ['ne_au_niger']);
});

test('condition operators', () => {
  const a = { n: 5, d: '2000-01-01', s: 'Tahoua', m: ['x', 'y'], b: false, e: '' };
  assert.ok(evaluate({ field: 'n', op: 'equals', value: 5 }, a));
  assert.ok(evaluate({ field: 'n', op: 'equals', value: '5' }, a));
  assert.ok(evaluate({ field: 's', op: 'differs', value: 'Zinder' }, a));
  assert.ok(!evaluate({ field: 'e', op: 'differs', value: 'Zinder' }, a), 'an empty answer differs from nothing');
  assert.ok(evaluate({ field: 'n', op: 'lt', value: 6 }, a));
  assert.ok(evaluate({ field: 'n', op: 'gt', value: 4 }, a));
  assert.ok(evaluate({ field: 'd', op: 'lt', value: '2001-05-01' }, a));
  assert.ok(evaluate({ field: 'm', op: 'includes', value: 'y' }, a));
  assert.ok(evaluate({ field: 'm', op: 'equals', value: 'x' }, a));
  assert.ok(evaluate({ field: 's', op: 'includes', value: 'hou' }, a));
  assert.ok(evaluate({ field: 'e', op: 'empty' }, a));
  assert.ok(evaluate({ field: 'absent', op: 'empty' }, a));
  assert.ok(evaluate({ field: 'b', op: 'filled' }, a));
  assert.ok(evaluate({ field: 'b', op: 'equals', value: false }, a));
  assert.ok(evaluate({ all: [{ field: 'n', op: 'gt', value: 1 }, { any: [{ field: 's', op: 'equals', value: 'x' }, { field: 's', op: 'equals', value: 'Tahoua' }] }] }, a));
  assert.ok(!evaluate({ field: 'absent', op: 'lt', value: 3 }, a));
});

test('condition evaluator properties', () => {
  const scalar = fc.oneof(fc.string({ maxLength: 5 }), fc.integer({ min: -5, max: 5 }), fc.boolean());
  fc.assert(
    fc.property(scalar, scalar, (x, v) => {
      const answers = { f: x };
      assert.ok(evaluate({ all: [] }, answers));
      assert.ok(!evaluate({ any: [] }, answers));
      const eq = evaluate({ field: 'f', op: 'equals', value: v }, answers);
      const filled = evaluate({ field: 'f', op: 'filled' }, answers);
      assert.equal(evaluate({ field: 'f', op: 'differs', value: v }, answers), filled && !eq);
      assert.ok(evaluate({ any: [{ field: 'f', op: 'equals', value: x }, { field: 'f', op: 'empty' }] }, answers), 'a value equals itself, unless empty');
    }),
    { numRuns: 200 },
  );
});

test('definitions are refused with the path of each problem', () => {
  const bad = parseDefinition({
    sections: [
      {
        id: 's1',
        title: 'S',
        fields: [
          { id: 'a', type: 'text', label: 'A', visibleIf: { field: 'b', op: 'filled' } },
          { id: 'b', type: 'text', label: 'B' },
          { id: 'b', type: 'integer', label: 'B2', min: 5, max: 1 },
          { id: 'c', type: 'choice', label: 'C', options: [{ value: 'x', label: 'X' }, { value: 'x', label: 'Y' }] },
        ],
      },
    ],
  });
  assert.ok(!bad.ok);
  const messages = bad.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  assert.ok(messages.some((m) => m.startsWith('sections.0.fields.0.visibleIf.field: condition on "b"')), messages.join('\n'));
  assert.ok(messages.some((m) => m.startsWith('sections.0.fields.2.id: id "b" used twice')));
  assert.ok(messages.some((m) => m.startsWith('sections.0.fields.2.min')));
  assert.ok(messages.some((m) => m.startsWith('sections.0.fields.3.options')));
  const nested = parseDefinition({
    sections: [{ id: 's', title: 'S', fields: [{ id: 'r', type: 'repeat', label: 'R', fields: [{ id: 'q', type: 'repeat', label: 'Q', fields: [{ id: 'z', type: 'text', label: 'Z' }] }] }] }],
  });
  assert.ok(!nested.ok && nested.issues[0]!.message.includes('cannot contain another'));
  assert.ok(!parseDefinition({ sections: [] }).ok);
  assert.ok(!parseDefinition({ sections: [{ id: 'Bad Id', title: 'x', fields: [] }] }).ok);
});

test('a draft moves to a new revision keeping what still fits', () => {
  const v1 = definition();
  const v2 = structuredClone(v1);
  const first = v2.sections[0]!;
  first.fields = first.fields.filter((f) => f.id !== 'pays_naissance');
  first.fields.push({ id: 'profession', type: 'text', label: 'Profession' });
  (first.fields[0] as { maxLength?: number }).maxLength = 3;
  const { answers, dropped } = migrateAnswers(v1, v2, { nom: 'Aïcha', ne_au_niger: false, pays_naissance: 'Mali' }, ctx);
  assert.deepEqual(answers, { ne_au_niger: false });
  assert.deepEqual(dropped.sort(), ['nom', 'pays_naissance']);
});

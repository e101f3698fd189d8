import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDefinition } from './definition.ts';
import { validateAnswers } from './validate.ts';
import type { Answers, FormDefinition, ValidationContext } from './types.ts';

const ctx: ValidationContext = {
  now: new Date('2026-06-15T09:30:00Z'),
  timeZone: 'Africa/Niamey',
  country: 'ne',
  territories: { ne: { regions: [{ code: 'ti', name: 'Tillabéri', departments: [] }] } },
};
const PDF = { id: 'f1', name: 'plan.pdf', size: 1000, kind: 'pdf', sha256: 'c'.repeat(64) } as const;

function definition(): FormDefinition {
  const parsed = parseDefinition({
    sections: [
      {
        id: 'demande',
        title: 'Demande',
        fields: [
          { id: 'nom', type: 'text', label: 'Nom', required: true },
          { id: 'urgent', type: 'yesno', label: 'Urgent ?', required: true },
          { id: 'motif_urgence', type: 'textarea', label: 'Pourquoi ?', required: true, visibleIf: { field: 'urgent', op: 'equals', value: true } },
          { id: 'rdv', type: 'date', label: 'Date souhaitée', future: true },
          { id: 'region', type: 'territory', label: 'Région', level: 'region' },
          { id: 'plan', type: 'attachment', label: 'Plan', accept: ['pdf'], maxSizeMb: 1 },
          { id: 'avis', type: 'choice', label: 'Avis', private: true, required: true, options: [{ value: 'favorable', label: 'Favorable' }] },
        ],
      },
      {
        id: 'urgence',
        title: 'Urgence',
        visibleIf: { field: 'urgent', op: 'equals', value: true },
        fields: [
          { id: 'contact', type: 'phone', label: 'Téléphone', required: true },
          {
            id: 'temoins',
            type: 'repeat',
            label: 'Témoins',
            min: 2,
            fields: [
              { id: 'nom', type: 'text', label: 'Nom', required: true },
              { id: 'age', type: 'integer', label: 'Âge', min: 18 },
            ],
          },
        ],
      },
    ],
  });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues));
  return parsed.definition;
}

const complete: Answers = {
  nom: 'Moussa',
  urgent: true,
  motif_urgence: 'Voyage',
  rdv: '2026-06-20',
  region: { region: 'ti' },
  plan: PDF,
  contact: '+22796123456',
  temoins: [{ nom: 'Awa', age: 30 }, { nom: 'Ali' }],
};

test('a complete draft passes unchanged, and passes again (the check is stable)', () => {
  const v = validateAnswers(definition(), complete, ctx);
  assert.deepEqual(v.errors, []);
  assert.deepEqual(v.answers, complete);
  assert.deepEqual(validateAnswers(definition(), v.answers, ctx), v);
});

test('hidden, unknown and private answers are removed; private ones kept and checked for agents', () => {
  const def = definition();
  const v = validateAnswers(def, { ...complete, urgent: false, ancien: 'x', avis: 'favorable' }, ctx);
  assert.deepEqual(v.errors, []);
  assert.deepEqual(v.answers, { nom: 'Moussa', urgent: false, rdv: '2026-06-20', region: { region: 'ti' }, plan: PDF });
  const agent = validateAnswers(def, { ...complete, avis: 'favorable' }, { ...ctx, includePrivate: true });
  assert.deepEqual(agent.errors, []);
  assert.equal(agent.answers.avis, 'favorable');
  assert.deepEqual(validateAnswers(def, complete, { ...ctx, includePrivate: true }).errors, [{ field: 'avis', key: 'forms.error.requiredchoice' }]);
});

test('every rule is checked again: required, formats, time, files, territories, repeated blocks', () => {
  const v = validateAnswers(
    definition(),
    {
      urgent: true,
      rdv: '2026-06-14', // was in the future when typed
      region: { region: 'zz' },
      plan: { ...PDF, size: 2 * 1024 * 1024 },
      contact: '12',
      temoins: [{ nom: 'Awa', age: 12 }],
    },
    ctx,
  );
  assert.deepEqual(
    v.errors.map((e) => `${e.field} ${e.key}`),
    [
      'nom forms.error.required',
      'motif_urgence forms.error.required',
      'rdv forms.error.future',
      'region forms.error.region',
      'plan forms.error.filesize',
      'contact forms.error.phone',
      'temoins.0.age forms.error.min',
      'temoins forms.error.repeatmin',
    ],
  );
  assert.deepEqual(v.answers, { urgent: true, temoins: [{ nom: 'Awa' }] });
});

test('values of the wrong shape are refused or ignored, never trusted', () => {
  const v = validateAnswers(definition(), { ...complete, nom: ['Moussa', 'Ali'], urgent: 'yes', region: 'ti', plan: 'f1', temoins: 'deux' } as never, ctx);
  assert.deepEqual(
    v.errors.map((e) => `${e.field} ${e.key}`),
    ['temoins forms.error.repeatmin'],
  );
  assert.deepEqual(v.answers, { nom: 'Moussa', urgent: true, motif_urgence: 'Voyage', rdv: '2026-06-20', contact: '+22796123456' });
});

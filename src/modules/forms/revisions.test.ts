import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDefinition } from './definition.ts';
import { migrateAnswers } from './revisions.ts';
import type { Answers, FormDefinition, ValidationContext } from './types.ts';

const parse = (input: unknown): FormDefinition => {
  const parsed = parseDefinition(input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues));
  return parsed.definition;
};
const options = (...values: string[]) => values.map((value) => ({ value, label: value }));

const v1 = parse({
  sections: [
    {
      id: 's',
      title: 'S',
      fields: [
        { id: 'nom', type: 'text', label: 'Nom', required: true },
        { id: 'age', type: 'integer', label: 'Âge' },
        { id: 'usage', type: 'choice', label: 'Usage', options: options('emploi', 'visa', 'autre') },
        { id: 'pays', type: 'text', label: 'Pays' },
        { id: 'telephone', type: 'text', label: 'Téléphone' },
        { id: 'rdv', type: 'date', label: 'Rendez-vous' },
        { id: 'commune', type: 'territory', label: 'Commune', level: 'region' },
        { id: 'certifie', type: 'checkbox', label: 'Je certifie', required: true },
        {
          id: 'enfants',
          type: 'repeat',
          label: 'Enfants',
          fields: [
            { id: 'prenom', type: 'text', label: 'Prénom' },
            { id: 'age', type: 'integer', label: 'Âge' },
          ],
        },
      ],
    },
  ],
});

const v2 = parse({
  sections: [
    {
      id: 'identite',
      title: 'Identité (réorganisée)',
      fields: [
        { id: 'nom', type: 'text', label: 'Nom', maxLength: 4 }, // shorter now
        { id: 'age', type: 'integer', label: 'Âge', min: 18 }, // adults only now
        { id: 'usage', type: 'choice', label: 'Usage', options: options('emploi', 'autre') }, // "visa" removed
        { id: 'telephone', type: 'phone', label: 'Téléphone' }, // another type
        { id: 'rdv', type: 'date', label: 'Rendez-vous', future: true },
        { id: 'commune', type: 'territory', label: 'Commune', level: 'region' },
        { id: 'certifie', type: 'checkbox', label: 'Je certifie', required: true },
        { id: 'profession', type: 'text', label: 'Profession' }, // new
      ],
    },
    {
      id: 'famille',
      title: 'Famille',
      fields: [
        {
          id: 'enfants',
          type: 'repeat',
          label: 'Enfants',
          max: 2,
          fields: [
            { id: 'prenom', type: 'text', label: 'Prénom' },
            { id: 'age', type: 'decimal', label: 'Âge' }, // another type
          ],
        },
      ],
    },
  ],
});

const draft: Answers = {
  nom: 'Aïcha',
  age: 30,
  usage: 'emploi',
  pays: 'Mali', // field removed
  telephone: '96123456',
  rdv: '2026-06-10',
  commune: { region: 'ti' },
  certifie: false,
  fantome: 'x', // in neither revision
  enfants: [{ prenom: 'Ali', age: 4 }, { prenom: 'Zara' }, { prenom: 'Moussa' }],
};

test('a draft keeps the answers the new revision still accepts, and lists the others', () => {
  const { answers, dropped } = migrateAnswers(v1, v2, draft);
  assert.deepEqual(answers, {
    age: 30,
    usage: 'emploi',
    rdv: '2026-06-10', // without a clock, "future" is left to submission
    commune: { region: 'ti' }, // without the lists, codes are left to submission
    certifie: false, // drafts are unfinished: required is not checked
    enfants: [{ prenom: 'Ali' }, { prenom: 'Zara' }],
  });
  assert.deepEqual(dropped, ['nom', 'pays', 'telephone', 'fantome', 'enfants.0.age', 'enfants.2']);
});

test('with a context, time and reference lists are checked too', () => {
  const ctx: ValidationContext = {
    now: new Date('2026-06-15T09:30:00Z'),
    timeZone: 'Africa/Niamey',
    country: 'ne',
    territories: { ne: { regions: [{ code: 'do', name: 'Dosso', departments: [] }] } },
  };
  const { answers, dropped } = migrateAnswers(v1, v2, { rdv: '2026-06-10', commune: { region: 'ti' }, age: 12, usage: 'visa' }, ctx);
  assert.deepEqual(answers, {});
  assert.deepEqual(dropped, ['rdv', 'commune', 'age', 'usage']);
});

test('the same revision keeps everything valid; values are never changed on the way', () => {
  const same: Answers = { nom: 'Aïcha', age: 30, usage: 'visa', enfants: [{ prenom: 'Ali', age: 4 }] };
  assert.deepEqual(migrateAnswers(v1, v1, same), { answers: same, dropped: [] });
  assert.deepEqual(migrateAnswers(v1, v2, { enfants: 'not a list' } as never), { answers: {}, dropped: ['enfants'] });
});

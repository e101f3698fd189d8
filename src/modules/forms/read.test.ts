import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDefinition } from './definition.ts';
import { mergeSection, readSection } from './read.ts';
import type { AttachmentRef, FormDefinition, ReadContext, Territories } from './types.ts';

const territories: Territories = {
  regions: [{ code: 'ti', name: 'Tillabéri', departments: [{ code: 'ti-say', name: 'Say', communes: [{ code: 'ti-say-say', name: 'Say' }] }] }],
};
const ctx: ReadContext = {
  now: new Date('2026-06-15T09:30:00Z'),
  timeZone: 'Africa/Niamey',
  country: 'ne',
  territories: { ne: territories },
  previous: {},
  attachments: {},
};
const file = (id: string, kind: AttachmentRef['kind'] = 'pdf'): AttachmentRef => ({ id, name: `${id}.${kind}`, size: 1000, kind, sha256: 'b'.repeat(64) });

function definition(): FormDefinition {
  const parsed = parseDefinition({
    sections: [
      {
        id: 'identite',
        title: 'Votre identité',
        fields: [
          { id: 'intro', type: 'explanation', text: 'Comme sur votre acte de naissance.' },
          { id: 'nom', type: 'text', label: 'Nom', required: true },
          { id: 'ne_au_niger', type: 'yesno', label: 'Né(e) au Niger ?', required: true },
          { id: 'pays_naissance', type: 'text', label: 'Pays de naissance', required: true, visibleIf: { field: 'ne_au_niger', op: 'equals', value: false } },
          { id: 'commune', type: 'territory', label: 'Commune', visibleIf: { field: 'ne_au_niger', op: 'equals', value: true } },
          { id: 'langues', type: 'multichoice', label: 'Langues', options: [{ value: 'fr', label: 'Français' }, { value: 'ha', label: 'Hausa' }, { value: 'dje', label: 'Zarma' }] },
          { id: 'note_agent', type: 'textarea', label: 'Note', private: true },
        ],
      },
      {
        id: 'biens',
        title: 'Vos biens',
        fields: [
          { id: 'adresse', type: 'address', label: 'Adresse', required: true },
          { id: 'point', type: 'geo', label: 'Emplacement' },
          { id: 'surface', type: 'decimal', label: 'Surface (ha)' },
          { id: 'prix', type: 'amount', label: 'Prix' },
          { id: 'certifie', type: 'checkbox', label: 'Je certifie', required: true },
          { id: 'piece', type: 'identityDocument', label: "Pièce d'identité", required: true },
          { id: 'plan', type: 'attachment', label: 'Plan', accept: ['pdf', 'png'] },
          // Depends on a field of the first page that may be hidden there.
          { id: 'etranger', type: 'text', label: 'Adresse à l’étranger', visibleIf: { field: 'pays_naissance', op: 'filled' } },
        ],
      },
      {
        id: 'enfants',
        title: 'Enfants',
        visibleIf: { field: 'ne_au_niger', op: 'equals', value: true },
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
              { id: 'ecole', type: 'text', label: 'École', visibleIf: { field: 'age', op: 'gt', value: 5 } },
              { id: 'acte', type: 'attachment', label: 'Acte de naissance', accept: ['pdf'] },
            ],
          },
        ],
      },
    ],
  });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues));
  return parsed.definition;
}

test('a page becomes typed answers; hidden, private, display and foreign names are dropped', () => {
  const def = definition();
  const r = readSection(
    def,
    'identite',
    {
      intro: 'x',
      nom: ' Aïcha ',
      ne_au_niger: 'yes',
      pays_naissance: 'Mali', // hidden: born in Niger
      'commune.region': 'ti',
      'commune.department': 'ti-say',
      'commune.commune': 'ti-say-say',
      langues: ['ha', 'fr'],
      note_agent: 'piégé', // private
      prix: '5000', // a field of another page
      ancien_champ: 'x', // a field of an older revision
    },
    ctx,
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.answers, {
    nom: 'Aïcha',
    ne_au_niger: true,
    commune: { region: 'ti', department: 'ti-say', commune: 'ti-say-say' },
    langues: ['fr', 'ha'],
  });
  const agent = readSection(def, 'identite', { nom: 'Aïcha', ne_au_niger: 'yes', note_agent: 'Vu au guichet' }, { ...ctx, includePrivate: true });
  assert.equal(agent.answers.note_agent, 'Vu au guichet');
});

test('a question shown by an answer of the same page is asked at once (no script needed)', () => {
  const r = readSection(definition(), 'identite', { nom: 'Aïcha', ne_au_niger: 'no' }, ctx);
  assert.deepEqual(r.errors, [{ field: 'pays_naissance', key: 'forms.error.required' }]);
  assert.deepEqual(r.answers, { nom: 'Aïcha', ne_au_niger: false });
});

test('conditions see the previous pages, and a hidden answer there as empty', () => {
  const def = definition();
  const body = { 'adresse.line': 'Quartier Plateau', 'adresse.city': 'Niamey', certifie: 'on', 'piece.kind': 'cni', 'piece.number': 'A123', etranger: '12 rue de Bamako' };
  const attachments = { piece: file('cni') };
  const abroad = readSection(def, 'biens', body, { ...ctx, attachments, previous: { nom: 'A', ne_au_niger: false, pays_naissance: 'Mali' } });
  assert.deepEqual(abroad.errors, []);
  assert.equal(abroad.answers.etranger, '12 rue de Bamako');
  // The draft still holds the country from before the applicant said they were born in Niger.
  const stale = readSection(def, 'biens', body, { ...ctx, attachments, previous: { nom: 'A', ne_au_niger: true, pays_naissance: 'Mali' } });
  assert.equal(stale.answers.etranger, undefined);
});

test('compound inputs, numbers as typed, files from the caller only', () => {
  const def = definition();
  const r = readSection(
    def,
    'biens',
    {
      'adresse.line': 'Quartier Plateau',
      'adresse.city': 'Niamey',
      'point.lat': '13,5137',
      'point.lon': '2.1098',
      surface: '1,5',
      prix: '2 500 000',
      certifie: 'on',
      'piece.kind': 'passport',
      'piece.number': '08pc 12345',
      plan: JSON.stringify(file('forged')), // a body cannot carry a file reference
    },
    { ...ctx, attachments: { piece: file('passeport', 'jpeg') } },
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.answers, {
    adresse: { line: 'Quartier Plateau', city: 'Niamey' },
    point: { lat: 13.5137, lon: 2.1098 },
    surface: 1.5,
    prix: 2_500_000,
    certifie: true,
    piece: { kind: 'passport', number: '08PC12345', file: file('passeport', 'jpeg') },
  });
  const missing = readSection(def, 'biens', { 'adresse.line': 'Plateau', 'piece.kind': 'cni', 'piece.number': 'A123', 'point.lat': '13' }, ctx);
  assert.deepEqual(
    missing.errors.map((e) => `${e.field} ${e.key}`),
    ['adresse forms.error.addresscity', 'point forms.error.geo', 'certifie forms.error.checkbox', 'piece forms.error.requiredfile'],
  );
});

test('files attached before stay unless removed; a wrong kind is refused', () => {
  const def = definition();
  const body = { 'adresse.line': 'Plateau', 'adresse.city': 'Niamey', certifie: 'on', 'piece.kind': 'cni', 'piece.number': 'A123' };
  const previous = { piece: { kind: 'cni', number: 'A123', file: file('cni') }, plan: file('plan') } as const;
  const kept = readSection(def, 'biens', body, { ...ctx, previous });
  assert.deepEqual(kept.errors, []);
  assert.deepEqual(kept.answers.plan, file('plan'));
  assert.deepEqual((kept.answers.piece as { file: unknown }).file, file('cni'));
  const removed = readSection(def, 'biens', body, { ...ctx, previous, attachments: { plan: undefined } });
  assert.equal(removed.answers.plan, undefined);
  const wrong = readSection(def, 'biens', body, { ...ctx, previous, attachments: { plan: file('photo', 'jpeg') } });
  assert.deepEqual(wrong.errors, [{ field: 'plan', key: 'forms.error.filekind', params: { kinds: 'PDF, PNG' } }]);
});

test('repeated blocks: items by index, empty items skipped, errors where typed, min and max', () => {
  const def = definition();
  const previous = { nom: 'Aïcha', ne_au_niger: true };
  const r = readSection(
    def,
    'enfants',
    {
      'enfant.0.prenom': 'Ali',
      'enfant.0.age': '4',
      'enfant.0.ecole': 'hidden: too young',
      'enfant.1.prenom': '',
      'enfant.1.age': '',
      'enfant.2.prenom': 'Zara',
      'enfant.2.age': 'quatre',
      'enfant.3.age': '12',
      'enfant.3.ecole': 'École de Say',
      'enfant.x.prenom': 'not an index',
      'enfant.01.prenom': 'not an index either',
    },
    { ...ctx, previous },
  );
  assert.deepEqual(
    r.errors.map((e) => `${e.field} ${e.key}`),
    ['enfant.2.age forms.error.integer', 'enfant.3.prenom forms.error.required'],
  );
  assert.deepEqual(r.answers.enfant, [{ prenom: 'Ali', age: 4 }, { prenom: 'Zara' }, { age: 12, ecole: 'École de Say' }]);
  assert.deepEqual(readSection(def, 'enfants', {}, { ...ctx, previous }).errors, [{ field: 'enfant', key: 'forms.error.repeatmin', params: { min: 1 } }]);
  const many = readSection(def, 'enfants', Object.fromEntries([0, 1, 2, 3].map((i) => [`enfant.${i}.prenom`, `E${i}`])), { ...ctx, previous });
  assert.deepEqual(many.errors, [{ field: 'enfant', key: 'forms.error.repeatmax', params: { max: 3 } }]);
  const far = readSection(def, 'enfants', { 'enfant.999.prenom': 'Loin' }, { ...ctx, previous });
  assert.equal(far.answers.enfant, undefined, 'indexes are bounded');
});

test('files in repeated blocks: kept from before, or sent for an item', () => {
  const def = definition();
  const previous = { ne_au_niger: true, enfant: [{ prenom: 'Ali', acte: file('acte0') }] };
  const r = readSection(def, 'enfants', { 'enfant.0.prenom': 'Ali', 'enfant.1.prenom': 'Zara' }, { ...ctx, previous, attachments: { 'enfant.1.acte': file('acte1') } });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.answers.enfant, [
    { prenom: 'Ali', acte: file('acte0') },
    { prenom: 'Zara', acte: file('acte1') },
  ]);
  // An item whose inputs were not sent still holds its file: it is read, not silently lost.
  const gone = readSection(def, 'enfants', {}, { ...ctx, previous });
  assert.deepEqual(gone.errors, [{ field: 'enfant.0.prenom', key: 'forms.error.required' }]);
  assert.deepEqual(gone.answers.enfant, [{ acte: file('acte0') }]);
});

test('a hidden or unknown page reads as nothing', () => {
  const def = definition();
  assert.deepEqual(readSection(def, 'enfants', { 'enfant.0.prenom': 'Ali' }, { ...ctx, previous: { ne_au_niger: false } }), { answers: {}, errors: [] });
  assert.deepEqual(readSection(def, 'nulle_part', { nom: 'x' }, ctx), { answers: {}, errors: [] });
});

test('saving a page replaces its answers, cleared ones included', () => {
  const def = definition();
  const previous = { nom: 'Aïcha', ne_au_niger: false, pays_naissance: 'Mali', prix: 5000 };
  const { answers } = readSection(def, 'identite', { nom: 'Aïcha', ne_au_niger: 'yes' }, { ...ctx, previous });
  assert.deepEqual(mergeSection(def, 'identite', previous, { ...answers, prix: 1 }), { prix: 5000, nom: 'Aïcha', ne_au_niger: true });
});

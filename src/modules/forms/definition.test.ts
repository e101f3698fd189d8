import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIELD_TYPES, parseDefinition } from './definition.ts';

/** Every problem as `path: message`, for readable assertions. */
function problems(input: unknown): string[] {
  const parsed = parseDefinition(input);
  assert.ok(!parsed.ok, 'expected the definition to be refused');
  return parsed.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
function has(list: string[], start: string) {
  assert.ok(
    list.some((m) => m.startsWith(start)),
    `no problem starting with «${start}» in:\n${list.join('\n')}`,
  );
}
const form = (...fields: unknown[]) => ({ sections: [{ id: 's', title: 'S', fields }] });

const EVERY_TYPE = {
  sections: [
    {
      id: 'tout',
      title: { fr: 'Tout', en: 'Everything' },
      description: 'Une page de chaque type.',
      fields: [
        { id: 'titre', type: 'heading', text: 'Titre' },
        { id: 'aide', type: 'explanation', text: { fr: 'Explication', wo: 'Leeral' } },
        { id: 'nom', type: 'text', label: 'Nom', required: true, minLength: 2, maxLength: 80, pattern: '[A-Z ]+', patternMessage: 'En capitales.' },
        { id: 'motif', type: 'textarea', label: 'Motif', maxLength: 1000 },
        { id: 'enfants', type: 'integer', label: 'Enfants', min: 0, max: 30 },
        { id: 'surface', type: 'decimal', label: 'Surface', min: 0, decimals: 1 },
        { id: 'montant', type: 'amount', label: 'Montant', min: 0, max: 1_000_000 },
        { id: 'naissance', type: 'date', label: 'Naissance', past: true, min: '1900-01-01' },
        { id: 'rdv', type: 'datetime', label: 'Rendez-vous', future: true },
        { id: 'courriel', type: 'email', label: 'E-mail', hint: 'Facultatif' },
        { id: 'tel', type: 'phone', label: 'Téléphone', countries: ['ne', 'sn'] },
        { id: 'marie', type: 'yesno', label: 'Marié(e) ?' },
        { id: 'conjoint', type: 'text', label: 'Conjoint', visibleIf: { field: 'marie', op: 'equals', value: true } },
        { id: 'certifie', type: 'checkbox', label: 'Je certifie', required: true },
        { id: 'sexe', type: 'choice', label: 'Sexe', display: 'radio', options: [{ value: 'f', label: 'F' }, { value: 'm', label: 'M' }] },
        { id: 'langues', type: 'multichoice', label: 'Langues', min: 1, max: 2, options: [{ value: 'fr', label: 'Français' }, { value: 'ha', label: 'Hausa' }] },
        { id: 'commune', type: 'territory', label: 'Commune', level: 'commune', country: 'ne' },
        { id: 'adresse', type: 'address', label: 'Adresse' },
        { id: 'nin', type: 'nationalId', label: 'NIN', country: 'sn' },
        { id: 'acte', type: 'attachment', label: 'Acte', accept: ['pdf', 'jpeg'], maxSizeMb: 2, template: 'https://example.org/modele.pdf' },
        { id: 'piece', type: 'identityDocument', label: 'Pièce', accept: ['pdf'] },
        { id: 'lien', type: 'dossierLink', label: 'Dossier lié', procedure: 'extrait-casier-judiciaire' },
        { id: 'point', type: 'geo', label: 'Emplacement' },
        {
          id: 'temoins',
          type: 'repeat',
          label: 'Témoins',
          itemLabel: 'Témoin',
          min: 2,
          max: 4,
          fields: [
            { id: 'nom', type: 'text', label: 'Nom' },
            { id: 'parent', type: 'yesno', label: 'Parent ?' },
            { id: 'lien', type: 'text', label: 'Lien', visibleIf: { all: [{ field: 'parent', op: 'equals', value: true }, { field: 'marie', op: 'filled' }] } },
          ],
        },
        { id: 'note', type: 'textarea', label: 'Note', private: true },
        { id: 'suite', type: 'text', label: 'Suite', private: true, visibleIf: { field: 'note', op: 'filled' } },
      ],
    },
    { id: 'fin', title: 'Fin', visibleIf: { any: [{ field: 'langues', op: 'includes', value: 'ha' }, { field: 'montant', op: 'gt', value: 5000 }] }, fields: [] },
  ],
};

test('a definition using every field type is accepted as written', () => {
  const parsed = parseDefinition(EVERY_TYPE);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues));
  assert.deepEqual(parsed.definition, EVERY_TYPE);
  assert.equal(FIELD_TYPES.length, 23);
});

test('ids: unique across the form, unique within a repeated block, well formed', () => {
  const list = problems({
    sections: [
      { id: 's1', title: 'S', fields: [{ id: 'a', type: 'text', label: 'A' }] },
      {
        id: 's1',
        title: 'S',
        fields: [
          { id: 'a', type: 'integer', label: 'A again' },
          { id: 'r', type: 'repeat', label: 'R', fields: [{ id: 'a', type: 'text', label: 'inner a is fine' }, { id: 'b', type: 'text', label: 'B' }, { id: 'b', type: 'text', label: 'B' }] },
        ],
      },
    ],
  });
  has(list, 'sections.1.id: section id "s1" used twice');
  has(list, 'sections.1.fields.0.id: id "a" used twice');
  has(list, 'sections.1.fields.1.fields.2.id: id "b" used twice in this repeated block');
  assert.equal(list.length, 3, list.join('\n'));
  has(problems(form({ id: 'Bad Id', type: 'text', label: 'x' })), 'sections.0.fields.0.id: lowercase letters');
  has(problems(form({ id: '1a', type: 'text', label: 'x' })), 'sections.0.fields.0.id: lowercase letters');
});

test('a condition may only look at a field asked before it', () => {
  const list = problems({
    sections: [
      {
        id: 's1',
        title: 'S',
        visibleIf: { field: 'a', op: 'filled' },
        fields: [
          { id: 'a', type: 'text', label: 'A', visibleIf: { all: [{ field: 'a', op: 'filled' }, { any: [{ field: 'b', op: 'filled' }] }] } },
          { id: 'b', type: 'text', label: 'B' },
          { id: 'r', type: 'repeat', label: 'R', fields: [{ id: 'x', type: 'text', label: 'X', visibleIf: { field: 'y', op: 'filled' } }, { id: 'y', type: 'text', label: 'Y' }] },
        ],
      },
      { id: 's2', title: 'S2', fields: [{ id: 'c', type: 'text', label: 'C', visibleIf: { field: 'x', op: 'filled' } }] },
    ],
  });
  has(list, 'sections.0.visibleIf.field: condition on "a", which is not a field asked before');
  has(list, 'sections.0.fields.0.visibleIf.all.0.field: condition on "a"');
  has(list, 'sections.0.fields.0.visibleIf.all.1.any.0.field: condition on "b"');
  has(list, 'sections.0.fields.2.fields.0.visibleIf.field: condition on "y"');
  has(list, 'sections.1.fields.0.visibleIf.field: condition on "x"'); // an item's field is not a question of the form
  assert.equal(list.length, 5, list.join('\n'));
});

test('a condition must fit the question it looks at', () => {
  const list = problems(
    form(
      { id: 'h', type: 'heading', text: 'H' },
      { id: 'yn', type: 'yesno', label: 'YN' },
      { id: 'ch', type: 'choice', label: 'C', options: [{ value: 'oui', label: 'Oui' }] },
      { id: 'n', type: 'integer', label: 'N' },
      { id: 't', type: 'text', label: 'T' },
      { id: 'addr', type: 'address', label: 'Adresse' },
      { id: 'p', type: 'textarea', label: 'P', private: true },
      { id: 'q1', type: 'text', label: 'Q', visibleIf: { field: 'h', op: 'filled' } },
      { id: 'q2', type: 'text', label: 'Q', visibleIf: { field: 'yn', op: 'equals', value: 'no' } },
      { id: 'q3', type: 'text', label: 'Q', visibleIf: { field: 'ch', op: 'equals', value: 'non' } },
      { id: 'q4', type: 'text', label: 'Q', visibleIf: { field: 'n', op: 'gt', value: '3' } },
      { id: 'q5', type: 'text', label: 'Q', visibleIf: { field: 't', op: 'lt', value: 3 } },
      { id: 'q6', type: 'text', label: 'Q', visibleIf: { field: 'addr', op: 'equals', value: 'x' } },
      { id: 'q7', type: 'text', label: 'Q', visibleIf: { field: 'p', op: 'filled' } },
      { id: 'q8', type: 'text', label: 'Q', visibleIf: { field: 't', op: 'equals' } },
      { id: 'q9', type: 'text', label: 'Q', visibleIf: { field: 't', op: 'empty', value: 'x' } },
      { id: 'q10', type: 'text', label: 'Q', private: true, visibleIf: { field: 'p', op: 'filled' } },
    ),
  );
  has(list, 'sections.0.fields.7.visibleIf.field: condition on "h", a heading, which has no answer');
  has(list, 'sections.0.fields.8.visibleIf.value: "yn" is answered yes or no: write true or false');
  has(list, 'sections.0.fields.9.visibleIf.value: "non" is not an option of "ch" (oui)');
  has(list, 'sections.0.fields.10.visibleIf.value: "n" is a number');
  has(list, 'sections.0.fields.11.visibleIf.op: "lt" compares numbers and dates');
  has(list, 'sections.0.fields.12.visibleIf.op: only "empty" and "filled" apply to "addr"');
  has(list, 'sections.0.fields.13.visibleIf.field: condition on "p", a private field');
  has(list, 'sections.0.fields.14.visibleIf.value: "equals" needs a value');
  has(list, 'sections.0.fields.15.visibleIf.value: "empty" takes no value');
  assert.equal(list.length, 9, `a private field may depend on a private field:\n${list.join('\n')}`);
});

test('a repeated block inside a repeated block is refused where it is written', () => {
  const list = problems(
    form({ id: 'r', type: 'repeat', label: 'R', fields: [{ id: 'q', type: 'repeat', label: 'Q', fields: [{ id: 'z', type: 'text', label: 'Z' }] }] }),
  );
  assert.deepEqual(list, ['sections.0.fields.0.fields.0.type: a repeated block cannot contain another repeated block']);
});

test('options: at least one, values unique and without surrounding spaces', () => {
  has(problems(form({ id: 'c', type: 'choice', label: 'C', options: [] })), 'sections.0.fields.0.options: at least one option');
  has(problems(form({ id: 'c', type: 'multichoice', label: 'C' })), 'sections.0.fields.0.options:');
  has(
    problems(form({ id: 'c', type: 'choice', label: 'C', options: [{ value: 'x', label: 'X' }, { value: 'x', label: 'Y' }] })),
    'sections.0.fields.0.options.1.value: option value "x" used twice',
  );
  has(problems(form({ id: 'c', type: 'choice', label: 'C', options: [{ value: ' x', label: 'X' }] })), 'sections.0.fields.0.options.0.value: no space');
});

test('bounds in order, and other impossible settings', () => {
  has(problems(form({ id: 'n', type: 'integer', label: 'N', min: 5, max: 1 })), 'sections.0.fields.0.min: min (5) is greater than max (1)');
  has(problems(form({ id: 'n', type: 'decimal', label: 'N', min: 1.5, max: 1.2 })), 'sections.0.fields.0.min');
  has(problems(form({ id: 'n', type: 'amount', label: 'N', min: -1 })), 'sections.0.fields.0.min');
  has(problems(form({ id: 'n', type: 'integer', label: 'N', min: 1.5 })), 'sections.0.fields.0.min');
  has(problems(form({ id: 'd', type: 'date', label: 'D', min: '2020-01-02', max: '2020-01-01' })), 'sections.0.fields.0.min');
  has(problems(form({ id: 'd', type: 'date', label: 'D', min: '2020-02-30' })), 'sections.0.fields.0.min: a date written YYYY-MM-DD');
  has(problems(form({ id: 'd', type: 'date', label: 'D', past: true, future: true })), 'sections.0.fields.0.future');
  has(problems(form({ id: 't', type: 'text', label: 'T', minLength: 300 })), 'sections.0.fields.0.minLength');
  has(problems(form({ id: 't', type: 'text', label: 'T', pattern: '[a-' })), 'sections.0.fields.0.pattern: not a valid regular expression');
  const options = [{ value: 'a', label: 'A' }];
  has(problems(form({ id: 'm', type: 'multichoice', label: 'M', options, min: 2 })), 'sections.0.fields.0.min: min (2) is more than the 1 options');
  has(problems(form({ id: 'r', type: 'repeat', label: 'R', min: 30, fields: [{ id: 'a', type: 'text', label: 'A' }] })), 'sections.0.fields.0.min: min (30) is greater than max (20)');
  has(problems(form({ id: 'r', type: 'repeat', label: 'R', fields: [] })), 'sections.0.fields.0.fields: a repeated block needs fields');
});

test('shape problems: unknown types and keys, links, empty texts', () => {
  has(problems(form({ id: 'x', type: 'signature', label: 'X' })), 'sections.0.fields.0.type: type missing or unknown');
  has(problems(form({ id: 'x', type: 'text', label: 'X', requried: true })), 'sections.0.fields.0.requried:');
  has(problems(form({ id: 'x', type: 'attachment', label: 'X' })), 'sections.0.fields.0.accept');
  has(problems(form({ id: 'x', type: 'attachment', label: 'X', accept: ['pdf'], template: 'javascript:alert(1)' })), 'sections.0.fields.0.template');
  has(problems(form({ id: 'x', type: 'attachment', label: 'X', accept: ['docx'] })), 'sections.0.fields.0.accept.0');
  has(problems(form({ id: 'x', type: 'text', label: '  ' })), 'sections.0.fields.0.label');
  has(problems(form({ id: 'x', type: 'text', label: { en: 'No French' } })), 'sections.0.fields.0.label');
  has(problems(form({ id: 'x', type: 'heading', label: 'Headings have text' })), 'sections.0.fields.0');
  has(problems({ sections: [] }), 'sections: at least one section');
  has(problems(null), ': ');
});

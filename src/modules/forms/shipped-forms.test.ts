// The online forms shipped with the country packs (procedures/<country>/online/*.yaml) are valid definitions,
// each beside its fiche and naming the editors' JSON Schema; and one of them, filled in as a parent would,
// shows and hides the right questions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { FIELD_TYPES, parseDefinition, validateAnswers, type Answers, type FormDefinition, type ValidationContext } from './index.ts';

const PROCEDURES = new URL('../../../procedures/', import.meta.url);
const MODELINE = '# yaml-language-server: $schema=../../../schemas/online-form.schema.json';

/** Every shipped online form: `<country>/<slug>`, its source and its parsed YAML. */
function shippedForms(): { name: string; source: string; data: unknown }[] {
  const forms = [];
  for (const country of readdirSync(PROCEDURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const dir = new URL(`${country}/online/`, PROCEDURES);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      forms.push({ name: `${country}/${file.replace(/\.yaml$/, '')}`, source, data: parse(source) as unknown });
    }
  }
  return forms;
}

function definitionOf(name: string): FormDefinition {
  const form = shippedForms().find((f) => f.name === name);
  assert.ok(form, `no form ${name}`);
  const parsed = parseDefinition(form.data);
  assert.ok(parsed.ok);
  return parsed.definition;
}

test('every shipped online form is a valid definition, beside its fiche, naming the JSON Schema on its first line', () => {
  const forms = shippedForms();
  assert.ok(forms.length >= 9, `${forms.length} forms`);
  for (const { name, source, data } of forms) {
    const parsed = parseDefinition(data);
    assert.deepEqual(parsed.ok ? [] : parsed.issues.map((i) => `${i.path.join('.')}: ${i.message}`), [], name);
    const [country, slug] = name.split('/');
    assert.ok(existsSync(new URL(`${country}/${slug}.yaml`, PROCEDURES)), `${name}: no fiche`);
    assert.equal(source.split('\n')[0], MODELINE, `${name}: first line`);
  }
});

test('Niger ships the forms of its flagship and new online procedures', () => {
  const names = new Set(shippedForms().map((f) => f.name));
  for (const slug of ['extrait-casier-judiciaire', 'extrait-acte-naissance', 'declaration-naissance', 'plainte-administration', 'appel-candidatures-eig']) {
    assert.ok(names.has(`ne/${slug}`), `ne/online/${slug}.yaml`);
  }
  for (const country of ['sn', 'ci']) {
    for (const slug of ['extrait-casier-judiciaire', 'extrait-acte-naissance']) assert.ok(names.has(`${country}/${slug}`), `${country}/online/${slug}.yaml`);
  }
});

test('the shipped forms together use every kind of question but decimal', () => {
  const used = new Set<string>();
  for (const { data } of shippedForms()) {
    const parsed = parseDefinition(data);
    if (!parsed.ok) continue;
    for (const section of parsed.definition.sections) {
      for (const field of section.fields) {
        used.add(field.type);
        if (field.type === 'repeat') for (const child of field.fields) used.add(child.type);
      }
    }
  }
  assert.deepEqual(FIELD_TYPES.filter((t) => !used.has(t) && t !== 'decimal'), []);
});

const ctx: ValidationContext = {
  now: new Date('2026-06-15T09:30:00Z'),
  timeZone: 'Africa/Niamey',
  country: 'ne',
  territories: {
    ne: { regions: [{ code: 'do', name: 'Dosso', departments: [{ code: 'gaya', name: 'Gaya', communes: [{ code: 'gaya', name: 'Gaya' }] }] }] },
  },
};
const file = (id: string) => ({ id, name: `${id}.pdf`, size: 2000, kind: 'pdf' as const, sha256: 'a'.repeat(64) });

test('a birth declared by an unmarried mother without the father: no page on the father, and the answers are complete', () => {
  const def = definitionOf('ne/declaration-naissance');
  const answers: Answers = {
    qualite: 'mere',
    nom_enfant: 'Moussa',
    prenoms_enfant: 'Aïcha',
    sexe_enfant: 'f',
    naissance_multiple: false,
    date_heure_naissance: '2026-06-10T14:30',
    lieu_type: 'formation_sanitaire',
    formation_sanitaire: 'CSI de Gaya',
    commune_naissance: { region: 'do', department: 'gaya', commune: 'gaya' },
    nom_mere: 'Moussa',
    prenoms_mere: 'Mariama',
    date_naissance_mere: '1998-02-03',
    lieu_naissance_mere: 'Gaya',
    mere_nigerienne: true,
    domicile_parents: { line: 'Quartier Dendi, près du marché', city: 'Gaya' },
    parents_maries: false,
    pere_sur_acte: false,
    nom_pere: 'ignored',
    volet_naissance: file('volet'),
    piece_declarant: { kind: 'cni', number: 'NE12345', file: file('cni') },
    telephone: '+227 90 12 34 56',
    certifie: true,
  };
  const result = validateAnswers(def, answers, ctx);
  assert.deepEqual(result.errors, []);
  assert.equal(result.answers.nom_pere, undefined, 'the father page is hidden, its answers dropped');
  assert.equal(result.answers.date_heure_naissance, '2026-06-10T13:30:00Z', 'a local time in Niamey (UTC+1)');

  const married = validateAnswers(def, { ...answers, parents_maries: true, mariage_enregistre: false }, ctx);
  assert.ok(married.errors.some((e) => e.field === 'prenoms_pere'), 'married parents: the father is asked');
});

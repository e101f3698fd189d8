// The cells of an export, without a database: columns drawn from a form, answers written for people, CSV
// read back as a spreadsheet would, XLSX read back with ExcelJS's own reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createI18n } from '../../../platform/i18n/index.ts';
import type { FormDefinition } from '../../forms/index.ts';
import { territoryNames } from '../../territories/index.ts';
import { collect } from './build.ts';
import { columnGroups, pickColumns } from './columns.ts';
import { CSV_BOM, csvField, csvLine } from './csv.ts';
import { parseCsv } from './testing.ts';
import { cellOf, cellText, wallClock, type ExportRow } from './values.ts';
import { sheetWriter } from './writer.ts';

const i18n = createI18n('fr', 'Africa/Niamey');
const ctx = { i18n, country: 'ne' as const, territoryNames };

const form: FormDefinition = {
  sections: [
    {
      id: 'demandeur',
      title: { fr: 'Le demandeur', en: 'The applicant' },
      fields: [
        { id: 'intro', type: 'explanation', text: 'Lisez ceci.' },
        { id: 'nom', type: 'text', label: { fr: 'Nom', en: 'Surname' } },
        { id: 'lieu', type: 'territory', label: 'Lieu de résidence' },
        { id: 'usage', type: 'choice', label: 'Usage', options: [{ value: 'emploi', label: { fr: 'Un emploi', en: 'A job' } }] },
        { id: 'montant', type: 'amount', label: 'Montant' },
        { id: 'taux', type: 'decimal', label: 'Taux' },
        { id: 'naissance', type: 'date', label: 'Date de naissance' },
        { id: 'acte', type: 'attachment', label: 'Acte', accept: ['pdf'] },
        { id: 'certifie', type: 'checkbox', label: 'Je certifie' },
      ],
    },
    {
      id: 'famille',
      title: 'Famille',
      fields: [{ id: 'enfants', type: 'repeat', label: 'Enfants', fields: [{ id: 'prenom', type: 'text', label: 'Prénom' }] }],
    },
  ],
};

const row: ExportRow = {
  id: '01J00000000000000000000000',
  reference: 'DOS-2026-7K3F9Q',
  status: 'in_review',
  submittedAt: new Date('2026-03-27T13:05:00Z'),
  decidedAt: null,
  dueAt: null,
  teamName: 'Greffe de Tahoua',
  applicantName: 'Aïcha Issoufou',
  applicantPhone: '+22790123456',
  applicantEmail: null,
  answers: {
    nom: 'Issoufou; dite "Aïcha"\nde Tahoua',
    lieu: { region: 'tahoua', department: 'tahoua-abalak', commune: 'tahoua-abalak-abalak' },
    usage: 'emploi',
    montant: 1500,
    taux: 12.5,
    naissance: '1994-03-12',
    acte: { id: 'x', name: 'acte de naissance.pdf', size: 10, kind: 'pdf', sha256: 'y' },
    certifie: true,
    enfants: [{ prenom: 'Moussa' }, { prenom: 'Mariama' }],
  },
};

test('the columns: facts of the dossier, then each page of the form, labelled in French, repeated blocks per question', () => {
  const groups = columnGroups(form, i18n);
  assert.deepEqual(
    groups.map((g) => g.legend),
    ['Dossier', 'Le demandeur', 'Famille'],
  );
  assert.equal(groups[0]!.columns.find((c) => c.id === 'd.submitted_at')?.label, 'Déposé le');
  assert.deepEqual(
    groups[1]!.columns.map((c) => `${c.id}=${c.label}`),
    ['r.nom=Nom', 'r.lieu=Lieu de résidence', 'r.usage=Usage', 'r.montant=Montant', 'r.taux=Taux', 'r.naissance=Date de naissance', 'r.acte=Acte', 'r.certifie=Je certifie'],
  );
  assert.deepEqual(groups[2]!.columns.map((c) => c.label), ['Enfants — Prénom']);
  const picked = pickColumns(groups, ['r.nom', 'd.reference', 'r.inconnu']);
  assert.deepEqual(picked.columns.map((c) => c.id), ['d.reference', 'r.nom'], 'in the page\'s order');
  assert.deepEqual(picked.unknown, ['r.inconnu']);
  assert.equal(columnGroups(undefined, i18n).length, 1, 'a procedure without an online form: the facts only');
});

test('answers as people read them: labels, territory names, file names, numbers, dates, blocks joined', () => {
  const all = columnGroups(form, i18n).flatMap((g) => g.columns);
  const cell = (id: string) => cellText(cellOf(all.find((c) => c.id === id)!, row, ctx), 'fr');
  assert.equal(cell('d.status'), 'En instruction');
  assert.equal(cell('d.submitted_at'), '27/03/2026 14:05', 'shown in Niamey time');
  assert.equal(cell('d.applicant_phone'), '+227 90 12 34 56');
  assert.equal(cell('d.decided_at'), '');
  assert.equal(cell('r.lieu'), 'Abalak, Abalak, Tahoua');
  assert.equal(cell('r.usage'), 'Un emploi');
  assert.equal(cell('r.taux'), '12,5');
  assert.equal(cell('r.naissance'), '12/03/1994');
  assert.equal(cell('r.acte'), 'acte de naissance.pdf');
  assert.equal(cell('r.certifie'), 'Oui');
  assert.equal(cell('r.enfants.prenom'), 'Moussa | Mariama');
  assert.equal(cellOf(all.find((c) => c.id === 'r.montant')!, row, ctx), 1500, 'a number stays a number');
});

test('wall clocks follow the service\'s zone', () => {
  assert.equal(wallClock(new Date('2026-12-31T23:30:00Z'), 'Africa/Niamey').at.toISOString(), '2027-01-01T00:30:00.000Z');
  assert.equal(wallClock(new Date('2026-12-31T23:30:00Z'), 'Africa/Dakar').at.toISOString(), '2026-12-31T23:30:00.000Z');
});

test('CSV: quoted as RFC 4180 says, `;` separated, formulas neutralised, numbers left alone', () => {
  assert.equal(csvField('simple'), 'simple');
  assert.equal(csvField('a;b'), '"a;b"');
  assert.equal(csvField('dit "non"'), '"dit ""non"""');
  assert.equal(csvField('ligne\nsuivante'), '"ligne\nsuivante"');
  for (const formula of ['=1+1', '+227 90', '-2', '@SUM(A1)', '\t=1']) assert.equal(csvField(formula), `'${formula}`);
  assert.equal(csvLine([-1500, 'x', null], 'fr'), '-1500;x;\r\n', 'our own numbers are not text');
  const text = CSV_BOM + csvLine(['Nom', 'Note'], 'fr') + csvLine([row.answers.nom as string, '=HYPERLINK("http://x")'], 'fr');
  assert.ok(text.startsWith('\uFEFF'));
  assert.deepEqual(parseCsv(text.slice(1)), [
    ['Nom', 'Note'],
    ['Issoufou; dite "Aïcha"\nde Tahoua', `'=HYPERLINK("http://x")`],
  ]);
});

test('XLSX: the streaming writer\'s file reads back with ExcelJS, numbers and dates typed', async () => {
  const writer = sheetWriter('xlsx', 'fr', 'Dossiers');
  const file = collect(writer.output);
  await writer.header(['Référence', 'Montant', 'Déposé le', 'Nom']);
  await writer.rows([['DOS-2026-7K3F9Q', 1500, wallClock(row.submittedAt, 'Africa/Niamey'), '=1+1']]);
  await writer.end();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await file) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('Dossiers')!;
  assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['Référence', 'Montant', 'Déposé le', 'Nom']);
  const values = (sheet.getRow(2).values as unknown[]).slice(1);
  assert.equal(values[0], 'DOS-2026-7K3F9Q');
  assert.equal(values[1], 1500);
  assert.equal((values[2] as Date).toISOString(), '2026-03-27T14:05:00.000Z', 'the wall clock of Niamey');
  assert.equal(values[3], '=1+1', 'a text cell, never a formula');
  assert.equal(sheet.getRow(2).getCell(3).numFmt, 'dd/mm/yyyy hh:mm');
});

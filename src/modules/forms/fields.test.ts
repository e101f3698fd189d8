// Each field type: what it accepts (and stores), what it refuses (and with which message key).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readField } from './fields.ts';
import type { FieldContext } from './field-kit.ts';
import type { InputField, Territories } from './types.ts';

const territories: Territories = {
  regions: [
    {
      code: 'ti',
      name: 'Tillabéri',
      departments: [
        { code: 'ti-say', name: 'Say', communes: [{ code: 'ti-say-say', name: 'Say' }, { code: 'ti-say-tamou', name: 'Tamou' }] },
        { code: 'ti-kollo', name: 'Kollo', communes: [{ code: 'ti-kollo-kollo', name: 'Kollo' }] },
      ],
    },
  ],
};
const senegal: Territories = { regions: [{ code: 'dk', name: 'Dakar', departments: [] }] };
// 10:30 in Niamey (UTC+1) on 15 June 2026.
const ctx: FieldContext = { now: new Date('2026-06-15T09:30:00Z'), timeZone: 'Africa/Niamey', country: 'ne', territories: { ne: territories, sn: senegal } };

const f = (field: Record<string, unknown> & { type: InputField['type'] }) => ({ id: 'x', label: 'X', ...field }) as InputField;
function ok(field: InputField, input: unknown, expected: unknown, c: FieldContext = ctx) {
  assert.deepEqual(readField(field, input, 'x', c), { value: expected }, `${field.type} ${JSON.stringify(input)}`);
}
function bad(field: InputField, input: unknown, key: string, params?: Record<string, string | number>, c: FieldContext = ctx) {
  const read = readField(field, input, 'x', c);
  assert.equal(read.error?.key, key, `${field.type} ${JSON.stringify(input)} gave ${JSON.stringify(read)}`);
  if (params) assert.deepEqual(read.error?.params, params);
}

const PDF = { id: 'f1', name: 'acte.pdf', size: 200_000, kind: 'pdf', sha256: 'a'.repeat(64) };

test('text: trimmed, one line, cleaned; length and pattern', () => {
  ok(f({ type: 'text' }), '  Moussa  ', 'Moussa');
  ok(f({ type: 'text' }), 'Rue 12\r\nPlateau', 'Rue 12 Plateau');
  ok(f({ type: 'text' }), 'A\u0000ï', 'Aï');
  ok(f({ type: 'text' }), 'Ame\u0301lie', 'Amélie');
  ok(f({ type: 'text' }), '', undefined);
  bad(f({ type: 'text', required: true }), '   ', 'forms.error.required');
  bad(f({ type: 'text' }), 'x'.repeat(201), 'forms.error.maxlength', { max: 200 });
  bad(f({ type: 'text', maxLength: 5 }), 'abcdef', 'forms.error.maxlength', { max: 5 });
  bad(f({ type: 'text', minLength: 3 }), 'ab', 'forms.error.minlength', { min: 3 });
  ok(f({ type: 'text', pattern: '[A-Z]{2}\\d{4}' }), 'AB1234', 'AB1234');
  bad(f({ type: 'text', pattern: '[A-Z]{2}\\d{4}' }), 'AB12345', 'forms.error.pattern');
  const custom = readField(f({ type: 'text', pattern: '\\d+', patternMessage: { fr: 'Chiffres seulement.' } }), 'abc', 'x', ctx);
  assert.deepEqual(custom.error, { field: 'x', key: 'forms.error.pattern', message: { fr: 'Chiffres seulement.' } });
});

test('textarea: several lines kept, 5000 characters by default', () => {
  ok(f({ type: 'textarea' }), ' ligne 1\r\nligne 2 ', 'ligne 1\nligne 2');
  bad(f({ type: 'textarea' }), 'x'.repeat(5001), 'forms.error.maxlength', { max: 5000 });
  bad(f({ type: 'textarea', maxLength: 10 }), 'x'.repeat(11), 'forms.error.maxlength', { max: 10 });
});

test('integer: whole numbers, thousands grouped strictly, bounds', () => {
  ok(f({ type: 'integer' }), '42', 42);
  ok(f({ type: 'integer' }), '-7', -7);
  ok(f({ type: 'integer' }), '+3', 3);
  ok(f({ type: 'integer' }), '1 000', 1000);
  ok(f({ type: 'integer' }), '007', 7);
  ok(f({ type: 'integer' }), '-0', 0);
  ok(f({ type: 'integer' }), 42, 42);
  for (const s of ['4.2', '4,2', 'douze', '1 00', '1e3', '0x10', '9'.repeat(16), '--1']) bad(f({ type: 'integer' }), s, 'forms.error.integer');
  bad(f({ type: 'integer', min: 1 }), '0', 'forms.error.min', { min: 1 });
  bad(f({ type: 'integer', max: 10 }), '11', 'forms.error.max', { max: 10 });
  bad(f({ type: 'integer' }), 4.5, 'forms.error.integer');
});

test('amount: whole FCFA, spaces, no-break spaces or dots between thousands, currency words allowed', () => {
  ok(f({ type: 'amount' }), '25 000', 25000);
  ok(f({ type: 'amount' }), '1\u00a0900', 1900);
  ok(f({ type: 'amount' }), '1\u202f250\u202f000', 1250000);
  ok(f({ type: 'amount' }), '25.000', 25000);
  ok(f({ type: 'amount' }), '5000 F', 5000);
  ok(f({ type: 'amount' }), '5 000 FCFA', 5000);
  ok(f({ type: 'amount' }), 0, 0);
  for (const s of ['-5', '12,50', '12.5', '25 00', 'mille']) bad(f({ type: 'amount' }), s, 'forms.error.amount');
  bad(f({ type: 'amount', min: 1000 }), '500', 'forms.error.min', { min: '1\u00a0000' });
  bad(f({ type: 'amount', max: 1_000_000 }), '1 000 001', 'forms.error.max', { max: '1\u00a0000\u00a0000' });
});

test('decimal: comma or dot, limited decimals, bounds', () => {
  ok(f({ type: 'decimal' }), '12,5', 12.5);
  ok(f({ type: 'decimal' }), '12.50', 12.5);
  ok(f({ type: 'decimal' }), '-0,25', -0.25);
  ok(f({ type: 'decimal' }), ',5', 0.5);
  ok(f({ type: 'decimal' }), '1 234,5', 1234.5);
  ok(f({ type: 'decimal' }), 7, 7);
  bad(f({ type: 'decimal' }), '1.234', 'forms.error.decimal', { decimals: 2 });
  bad(f({ type: 'decimal', decimals: 0 }), '3,0', 'forms.error.decimal', { decimals: 0 });
  for (const s of ['douze', '1,2,3', '1.', '.', '-']) bad(f({ type: 'decimal' }), s, 'forms.error.decimal');
  bad(f({ type: 'decimal', min: 0.5 }), '0,4', 'forms.error.min', { min: 0.5 });
  bad(f({ type: 'decimal', max: 2 }), '2,01', 'forms.error.max', { max: 2 });
});

test('date: ISO or day/month/year, real days only, past and future judged in the service time zone', () => {
  ok(f({ type: 'date' }), '27/03/1990', '1990-03-27');
  ok(f({ type: 'date' }), '1990-03-27', '1990-03-27');
  ok(f({ type: 'date' }), '7/3/1990', '1990-03-07');
  ok(f({ type: 'date' }), '29/02/2024', '2024-02-29');
  for (const s of ['31/02/2020', '29/02/2023', '2020-13-01', '0990-01-01', 'hier', '27/03/90']) bad(f({ type: 'date' }), s, 'forms.error.date');
  ok(f({ type: 'date', past: true }), '2026-06-15', '2026-06-15');
  bad(f({ type: 'date', past: true }), '2026-06-16', 'forms.error.past');
  ok(f({ type: 'date', future: true }), '2026-06-15', '2026-06-15');
  bad(f({ type: 'date', future: true }), '2026-06-14', 'forms.error.future');
  bad(f({ type: 'date', min: '2000-01-01' }), '1999-12-31', 'forms.error.datemin', { min: '01/01/2000' });
  bad(f({ type: 'date', max: '2000-01-01' }), '2000-01-02', 'forms.error.datemax', { max: '01/01/2000' });
  // 23:30 UTC on 15 June is already 16 June in Niamey, still 15 June in Dakar.
  const late = new Date('2026-06-15T23:30:00Z');
  ok(f({ type: 'date', past: true }), '2026-06-16', '2026-06-16', { ...ctx, now: late, timeZone: 'Africa/Niamey' });
  bad(f({ type: 'date', past: true }), '2026-06-16', 'forms.error.past', undefined, { ...ctx, now: late, timeZone: 'Africa/Dakar' });
});

test('datetime: typed in the service time zone, stored in UTC', () => {
  ok(f({ type: 'datetime' }), '2026-06-15T10:29', '2026-06-15T09:29:00Z');
  ok(f({ type: 'datetime' }), '15/06/2026 10h29', '2026-06-15T09:29:00Z');
  ok(f({ type: 'datetime' }), '15/06/2026 à 10:29', '2026-06-15T09:29:00Z');
  ok(f({ type: 'datetime' }), '2026-06-15T09:29:00Z', '2026-06-15T09:29:00Z');
  ok(f({ type: 'datetime' }), '2026-06-15T10:29', '2026-06-15T10:29:00Z', { ...ctx, timeZone: 'Africa/Dakar' });
  ok(f({ type: 'datetime', past: true }), '2026-06-15T10:30', '2026-06-15T09:30:00Z');
  bad(f({ type: 'datetime', past: true }), '2026-06-15T10:31', 'forms.error.past');
  bad(f({ type: 'datetime', future: true }), '2026-06-15T10:29', 'forms.error.future');
  // 00:30 on 1 January in Niamey is still 31 December in UTC: bounds are local days.
  ok(f({ type: 'datetime', min: '2027-01-01' }), '2027-01-01T00:30', '2026-12-31T23:30:00Z');
  bad(f({ type: 'datetime', max: '2026-12-31' }), '2027-01-01T00:30', 'forms.error.datemax', { max: '31/12/2026' });
  for (const s of ['2026-06-15T25:00', '2026-06-15', '31/02/2026 10:00', '10:30']) bad(f({ type: 'datetime' }), s, 'forms.error.datetime');
});

test('e-mail', () => {
  ok(f({ type: 'email' }), ' Awa@Example.SN ', 'awa@example.sn');
  for (const s of ['awa@', 'awa', 'a b@c.sn', `${'a'.repeat(250)}@c.sn`]) bad(f({ type: 'email' }), s, 'forms.error.email');
});

test('phone: numbering plans of the three countries, stored in E.164', () => {
  ok(f({ type: 'phone' }), '96 12 34 56', '+22796123456');
  ok(f({ type: 'phone' }), '+221 77 123 45 67', '+221771234567');
  ok(f({ type: 'phone' }), '00221 77 123 45 67', '+221771234567');
  ok(f({ type: 'phone' }), '+225 07 07 12 34 56', '+2250707123456');
  ok(f({ type: 'phone', countries: ['sn'] }), '77 123 45 67', '+221771234567');
  bad(f({ type: 'phone', countries: ['ne'] }), '+221 77 123 45 67', 'forms.error.phonecountry', { prefixes: '+227' });
  bad(f({ type: 'phone' }), '+33 6 12 34 56 78', 'forms.error.phonecountry', { prefixes: '+227, +221, +225' });
  bad(f({ type: 'phone' }), '12', 'forms.error.phone', { prefixes: '+227, +221, +225' });
  bad(f({ type: 'phone' }), 'mon numéro', 'forms.error.phone');
});

test('yes/no', () => {
  ok(f({ type: 'yesno' }), 'yes', true);
  ok(f({ type: 'yesno' }), 'no', false);
  ok(f({ type: 'yesno' }), false, false);
  bad(f({ type: 'yesno' }), 'peut-être', 'forms.error.yesno');
  bad(f({ type: 'yesno', required: true }), undefined, 'forms.error.requiredchoice');
  ok(f({ type: 'yesno', required: true }), 'no', false);
});

test('checkbox: unticked is false; required means ticked', () => {
  ok(f({ type: 'checkbox' }), 'on', true);
  ok(f({ type: 'checkbox' }), undefined, false);
  ok(f({ type: 'checkbox', required: true }), true, true);
  bad(f({ type: 'checkbox', required: true }), undefined, 'forms.error.checkbox');
  bad(f({ type: 'checkbox', required: true }), false, 'forms.error.checkbox');
});

const options = [
  { value: 'a', label: 'A' },
  { value: 'b', label: 'B' },
  { value: 'c', label: 'C' },
];

test('choice', () => {
  ok(f({ type: 'choice', options }), 'b', 'b');
  ok(f({ type: 'choice', options }), '', undefined);
  bad(f({ type: 'choice', options }), 'z', 'forms.error.choice');
  bad(f({ type: 'choice', options }), 'B', 'forms.error.choice');
  bad(f({ type: 'choice', options, required: true }), '', 'forms.error.requiredchoice');
});

test('multichoice: once each, in the order of the list, within min and max', () => {
  ok(f({ type: 'multichoice', options }), ['c', 'a', 'a'], ['a', 'c']);
  ok(f({ type: 'multichoice', options }), 'b', ['b']);
  ok(f({ type: 'multichoice', options }), [], undefined);
  bad(f({ type: 'multichoice', options }), ['a', 'z'], 'forms.error.choice');
  bad(f({ type: 'multichoice', options, min: 2 }), 'a', 'forms.error.choicesmin', { min: 2 });
  bad(f({ type: 'multichoice', options, max: 1 }), ['a', 'b'], 'forms.error.choicesmax', { max: 1 });
  bad(f({ type: 'multichoice', options, required: true }), undefined, 'forms.error.requiredchoice');
});

test('territory: codes checked against the lists and their parents', () => {
  const full = { region: 'ti', department: 'ti-say', commune: 'ti-say-tamou' };
  ok(f({ type: 'territory' }), full, full);
  ok(f({ type: 'territory', level: 'region' }), { region: 'ti', department: 'ignored' }, { region: 'ti' });
  ok(f({ type: 'territory', level: 'department' }), { region: 'ti', department: 'ti-kollo' }, { region: 'ti', department: 'ti-kollo' });
  ok(f({ type: 'territory', country: 'sn', level: 'region' }), { region: 'dk' }, { region: 'dk' });
  bad(f({ type: 'territory' }), { ...full, region: 'zz' }, 'forms.error.region');
  bad(f({ type: 'territory' }), { ...full, department: 'zz' }, 'forms.error.department');
  bad(f({ type: 'territory' }), { region: 'ti', department: 'ti-say' }, 'forms.error.commune');
  bad(f({ type: 'territory' }), { ...full, commune: 'ti-kollo-kollo' }, 'forms.error.commune', undefined);
  bad(f({ type: 'territory', country: 'ci' }), full, 'forms.error.territory');
  bad(f({ type: 'territory', required: true }), { region: '' }, 'forms.error.territory');
});

test('address: a line (street, neighbourhood, landmark) and a town', () => {
  ok(f({ type: 'address' }), { line: ' Quartier Plateau, derrière la mosquée ', city: 'Niamey' }, { line: 'Quartier Plateau, derrière la mosquée', city: 'Niamey' });
  ok(f({ type: 'address' }), { line: 'Rue 12', city: 'Say', commune: 'Say' }, { line: 'Rue 12', city: 'Say', commune: 'Say' });
  ok(f({ type: 'address' }), { line: '', city: '' }, undefined);
  bad(f({ type: 'address' }), { line: 'Rue 12' }, 'forms.error.addresscity');
  bad(f({ type: 'address' }), { city: 'Niamey' }, 'forms.error.address');
  bad(f({ type: 'address' }), { line: 'x'.repeat(201), city: 'Niamey' }, 'forms.error.maxlength', { max: 200 });
  bad(f({ type: 'address', required: true }), {}, 'forms.error.required');
});

test('national identity number, per country', () => {
  ok(f({ type: 'nationalId', country: 'sn' }), '1 751 1990 01234', '1751199001234');
  ok(f({ type: 'nationalId', country: 'sn' }), '2751199001234', '2751199001234');
  bad(f({ type: 'nationalId', country: 'sn' }), '3751199001234', 'forms.error.nationalidsn');
  bad(f({ type: 'nationalId', country: 'sn' }), '175119900123', 'forms.error.nationalidsn');
  ok(f({ type: 'nationalId', country: 'ci' }), '123 456 789 01', '12345678901');
  bad(f({ type: 'nationalId', country: 'ci' }), 'C 0012 3456 78', 'forms.error.nationalidci');
  ok(f({ type: 'nationalId' }), 'ab-123456', 'AB123456'); // Niger, the service's country
  bad(f({ type: 'nationalId' }), 'AB1', 'forms.error.nationalid');
  bad(f({ type: 'nationalId' }), 'AB12345678901234567890', 'forms.error.nationalid');
  bad(f({ type: 'nationalId' }), 'AB_1234', 'forms.error.nationalid');
  ok(f({ type: 'nationalId' }), '1751199001234', '1751199001234', { ...ctx, country: 'sn' });
});

test('attachment: the stored file checked for kind and size', () => {
  ok(f({ type: 'attachment', accept: ['pdf'] }), { ...PDF, extra: 'dropped' }, PDF);
  ok(f({ type: 'attachment', accept: ['pdf'] }), undefined, undefined);
  bad(f({ type: 'attachment', accept: ['jpeg', 'png'] }), PDF, 'forms.error.filekind', { kinds: 'JPEG, PNG' });
  bad(f({ type: 'attachment', accept: ['pdf'] }), { ...PDF, size: 5 * 1024 * 1024 + 1 }, 'forms.error.filesize', { max: 5 });
  ok(f({ type: 'attachment', accept: ['pdf'] }), { ...PDF, size: 5 * 1024 * 1024 }, { ...PDF, size: 5 * 1024 * 1024 });
  bad(f({ type: 'attachment', accept: ['pdf'], maxSizeMb: 0.1 }), PDF, 'forms.error.filesize', { max: 0.1 });
  bad(f({ type: 'attachment', accept: ['pdf'] }), { ...PDF, size: 0 }, 'forms.error.fileempty');
  bad(f({ type: 'attachment', accept: ['pdf'] }), { ...PDF, sha256: 'abc' }, 'forms.error.file');
  bad(f({ type: 'attachment', accept: ['pdf'] }), { ...PDF, kind: 'exe' }, 'forms.error.file');
  bad(f({ type: 'attachment', accept: ['pdf'], required: true }), undefined, 'forms.error.requiredfile');
});

test('identity document: kind, number and scan', () => {
  const doc = { kind: 'cni', number: 'ab 123-45', file: PDF };
  ok(f({ type: 'identityDocument' }), doc, { kind: 'cni', number: 'AB12345', file: PDF });
  ok(f({ type: 'identityDocument' }), { kind: '', number: '' }, undefined);
  bad(f({ type: 'identityDocument' }), { ...doc, kind: 'permis' }, 'forms.error.idkind');
  bad(f({ type: 'identityDocument' }), { ...doc, number: 'A' }, 'forms.error.idnumber');
  bad(f({ type: 'identityDocument' }), { kind: 'passport', number: '08PC12345' }, 'forms.error.requiredfile');
  bad(f({ type: 'identityDocument' }), { ...doc, file: { ...PDF, kind: 'webp' } }, 'forms.error.filekind', { kinds: 'PDF, JPEG, PNG' });
  bad(f({ type: 'identityDocument', required: true }), {}, 'forms.error.idkind');
});

test('dossier link: forgiving on case, spaces and look-alike characters', () => {
  ok(f({ type: 'dossierLink' }), 'dos-2026-7k3f9q', 'DOS-2026-7K3F9Q');
  ok(f({ type: 'dossierLink' }), 'DOS 2026 7K3F9Q', 'DOS-2026-7K3F9Q');
  ok(f({ type: 'dossierLink' }), 'DOS-2026-7K3FOL', 'DOS-2026-7K3F01');
  for (const s of ['DOS-2026-123', 'DOS-2026-7K3F9U', 'DOS-26-7K3F9Q', '7K3F9Q']) bad(f({ type: 'dossierLink' }), s, 'forms.error.dossierlink');
});

test('geo: a point within range', () => {
  ok(f({ type: 'geo' }), { lat: '13,5137', lon: '2.1098' }, { lat: 13.5137, lon: 2.1098 });
  ok(f({ type: 'geo' }), { lat: -0.0000001, lon: 180 }, { lat: -0.0000001, lon: 180 });
  bad(f({ type: 'geo' }), { lat: '95', lon: '2' }, 'forms.error.geo');
  bad(f({ type: 'geo' }), { lat: '13.5', lon: '' }, 'forms.error.geo');
  bad(f({ type: 'geo' }), { lat: 'nord', lon: '2' }, 'forms.error.geo');
});

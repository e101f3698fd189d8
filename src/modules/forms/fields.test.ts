import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readField } from './fields.ts';
import type { InputField, ReadContext, Territories } from './types.ts';

const territories: Territories = {
  regions: [{ code: 'ne-ti', name: 'Tillabéri', departments: [{ code: 'ne-ti-say', name: 'Say', communes: [{ code: 'ne-ti-say-say', name: 'Say' }] }] }],
};
// 10:30 in Niamey on 15 June 2026.
const ctx: ReadContext = { now: new Date('2026-06-15T09:30:00Z'), timeZone: 'Africa/Niamey', country: 'ne', territories: { ne: territories } };

const f = (field: Partial<InputField> & { type: InputField['type'] }) => ({ id: 'x', label: 'X', ...field }) as InputField;
const ok = (field: InputField, input: unknown, expected: unknown) => assert.deepEqual(readField(field, input, 'x', ctx), { value: expected }, JSON.stringify(input));
const bad = (field: InputField, input: unknown, key: string) => assert.equal(readField(field, input, 'x', ctx).error?.key, key, JSON.stringify(input));

test('required fields refuse an empty answer; optional ones accept it', () => {
  bad(f({ type: 'text', required: true }), '   ', 'forms.error.required');
  ok(f({ type: 'text' }), '', undefined);
  bad(f({ type: 'attachment', required: true }), undefined, 'forms.error.requiredfile');
});

test('text and textarea', () => {
  ok(f({ type: 'text' }), '  Moussa  ', 'Moussa');
  bad(f({ type: 'text', maxLength: 5 }), 'abcdef', 'forms.error.maxlength');
  bad(f({ type: 'text', minLength: 3 }), 'ab', 'forms.error.minlength');
  bad(f({ type: 'text', pattern: '[A-Z]{2}\\d{4}' }), 'AB12345', 'forms.error.pattern');
  ok(f({ type: 'text', pattern: '[A-Z]{2}\\d{4}' }), 'AB1234', 'AB1234');
  bad(f({ type: 'textarea', maxLength: 10 }), 'x'.repeat(11), 'forms.error.maxlength');
});

test('integer, amount and decimal', () => {
  ok(f({ type: 'integer' }), '42', 42);
  bad(f({ type: 'integer' }), '4.2', 'forms.error.integer');
  bad(f({ type: 'integer', min: 1 }), '0', 'forms.error.min');
  bad(f({ type: 'integer', max: 10 }), '11', 'forms.error.max');
  ok(f({ type: 'amount' }), '25 000', 25000);
  ok(f({ type: 'amount' }), '1\u00a0900', 1900);
  bad(f({ type: 'amount' }), '-5', 'forms.error.amount');
  bad(f({ type: 'amount' }), '12,50', 'forms.error.amount');
  ok(f({ type: 'decimal' }), '12,5', 12.5);
  bad(f({ type: 'decimal', decimals: 1 }), '1.25', 'forms.error.decimal');
  bad(f({ type: 'decimal' }), 'douze', 'forms.error.decimal');
});

test('dates and date-times, judged in the service time zone', () => {
  ok(f({ type: 'date' }), '27/03/1990', '1990-03-27');
  ok(f({ type: 'date' }), '1990-03-27', '1990-03-27');
  bad(f({ type: 'date' }), '31/02/2020', 'forms.error.date');
  bad(f({ type: 'date', past: true }), '2026-06-16', 'forms.error.past');
  ok(f({ type: 'date', past: true }), '2026-06-15', '2026-06-15');
  bad(f({ type: 'date', future: true }), '2026-06-14', 'forms.error.future');
  bad(f({ type: 'date', min: '2000-01-01' }), '1999-12-31', 'forms.error.datemin');
  bad(f({ type: 'date', max: '2000-01-01' }), '2000-01-02', 'forms.error.datemax');
  ok(f({ type: 'datetime', past: true }), '2026-06-15T10:29', '2026-06-15T10:29');
  bad(f({ type: 'datetime', past: true }), '2026-06-15T10:31', 'forms.error.past');
  bad(f({ type: 'datetime' }), '2026-06-15T25:00', 'forms.error.date');
});

test('e-mail and phone', () => {
  ok(f({ type: 'email' }), 'Awa@Example.SN', 'awa@example.sn');
  bad(f({ type: 'email' }), 'awa@', 'forms.error.email');
  ok(f({ type: 'phone' }), '96 12 34 56', '+22796123456');
  ok(f({ type: 'phone' }), '+221 77 123 45 67', '+221771234567');
  bad(f({ type: 'phone', countries: ['ne'] }), '+221 77 123 45 67', 'forms.error.phone');
  bad(f({ type: 'phone' }), '+33 6 12 34 56 78', 'forms.error.phone');
});

test('yes/no, checkbox, choices', () => {
  ok(f({ type: 'yesno' }), 'yes', true);
  ok(f({ type: 'yesno' }), 'no', false);
  bad(f({ type: 'yesno' }), 'peut-être', 'forms.error.choice');
  ok(f({ type: 'checkbox' }), 'on', true);
  bad(f({ type: 'checkbox', required: true }), undefined, 'forms.error.checkbox');
  const options = [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }, { value: 'c', label: 'C' }];
  ok(f({ type: 'choice', options }), 'b', 'b');
  bad(f({ type: 'choice', options }), 'z', 'forms.error.choice');
  ok(f({ type: 'multichoice', options }), ['a', 'c', 'a'], ['a', 'c']);
  bad(f({ type: 'multichoice', options }), ['a', 'z'], 'forms.error.choice');
  bad(f({ type: 'multichoice', options, min: 2 }), 'a', 'forms.error.choicesmin');
  bad(f({ type: 'multichoice', options, max: 1 }), ['a', 'b'], 'forms.error.choicesmax');
});

test('territory, address, national identity number', () => {
  ok(f({ type: 'territory' }), { region: 'ne-ti', department: 'ne-ti-say', commune: 'ne-ti-say-say' }, { region: 'ne-ti', department: 'ne-ti-say', commune: 'ne-ti-say-say' });
  bad(f({ type: 'territory' }), { region: 'ne-ti', department: 'ne-ti-say' }, 'forms.error.territory');
  ok(f({ type: 'territory', level: 'region' }), { region: 'ne-ti' }, { region: 'ne-ti' });
  bad(f({ type: 'territory' }), { region: 'ne-xx', department: 'ne-ti-say', commune: 'ne-ti-say-say' }, 'forms.error.territory');
  ok(f({ type: 'address' }), { line: 'Rue 12, quartier Plateau', city: 'Niamey' }, { line: 'Rue 12, quartier Plateau', city: 'Niamey' });
  bad(f({ type: 'address' }), { line: 'Rue 12' }, 'forms.error.address');
  ok(f({ type: 'nationalId', country: 'sn' }), '1 751 1990 01234', '1751199001234');
  bad(f({ type: 'nationalId', country: 'sn' }), '3751199001234', 'forms.error.nationalid');
  ok(f({ type: 'nationalId', country: 'ci' }), '123 456 789 01', '12345678901');
  bad(f({ type: 'nationalId', country: 'ci' }), '1234', 'forms.error.nationalid');
  ok(f({ type: 'nationalId' }), 'ab-123456', 'AB123456');
});

test('attachments and identity documents check kind and size of the stored file', () => {
  const pdf = { id: 'f1', name: 'acte.pdf', size: 200_000, kind: 'pdf', sha256: 'abc' };
  ok(f({ type: 'attachment' }), pdf, pdf);
  bad(f({ type: 'attachment', accept: ['jpeg', 'png'] }), pdf, 'forms.error.filekind');
  bad(f({ type: 'attachment', maxSizeMb: 0.1 }), pdf, 'forms.error.filesize');
  bad(f({ type: 'attachment' }), { ...pdf, size: 0 }, 'forms.error.fileempty');
  ok(f({ type: 'identityDocument' }), { kind: 'cni', number: 'ab123', file: pdf }, { kind: 'cni', number: 'AB123', file: pdf });
  bad(f({ type: 'identityDocument' }), { kind: 'permis', number: 'AB123', file: pdf }, 'forms.error.idkind');
  bad(f({ type: 'identityDocument' }), { kind: 'cni', number: 'AB123' }, 'forms.error.requiredfile');
});

test('dossier link and map point', () => {
  ok(f({ type: 'dossierLink' }), 'dos-2026-7k3f9q', 'DOS-2026-7K3F9Q');
  bad(f({ type: 'dossierLink' }), 'DOS-2026-123', 'forms.error.dossierlink');
  ok(f({ type: 'geo' }), { lat: '13,5137', lon: '2.1098' }, { lat: 13.5137, lon: 2.1098 });
  bad(f({ type: 'geo' }), { lat: '95', lon: '2' }, 'forms.error.geo');
  bad(f({ type: 'geo' }), { lat: '13.5' }, 'forms.error.geo');
});

const ALL_TYPES: InputField['type'][] = ['text', 'textarea', 'integer', 'amount', 'decimal', 'date', 'datetime', 'email', 'phone', 'yesno', 'checkbox', 'choice', 'multichoice', 'territory', 'address', 'nationalId', 'attachment', 'identityDocument', 'dossierLink', 'geo'];

test('no input of any shape makes any field type throw', () => {
  const options = [{ value: 'a', label: 'A' }];
  fc.assert(
    fc.property(fc.constantFrom(...ALL_TYPES), fc.anything(), fc.boolean(), (type, input, required) => {
      const r = readField(f({ type, required, options } as never), input, 'x', ctx);
      assert.ok('value' in r || 'error' in r);
    }),
    { numRuns: 200 },
  );
});

test('the integer reader accepts exactly the in-range whole numbers', () => {
  const field = f({ type: 'integer', min: -50, max: 50 });
  fc.assert(
    fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
      const r = readField(field, String(n), 'x', ctx);
      assert.equal(r.error === undefined, n >= -50 && n <= 50);
      if (!r.error) assert.equal(r.value, n);
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(fc.string(), (s) => {
      const r = readField(field, s, 'x', ctx);
      if (!r.error && r.value !== undefined) assert.ok(Number.isInteger(r.value) && (r.value as number) >= -50 && (r.value as number) <= 50);
    }),
    { numRuns: 200 },
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDefinition } from './definition.ts';
import { acceptanceFeeOf, feeOf } from './fee.ts';
import type { FormDefinition } from './types.ts';

const form = (fee: unknown): unknown => ({
  fee,
  sections: [
    {
      id: 's',
      title: 'S',
      fields: [
        { id: 'copies', type: 'integer', label: 'Copies', min: 1, max: 10 },
        { id: 'urgent', type: 'yesno', label: 'Urgent ?' },
        { id: 'express', type: 'integer', label: 'Express', visibleIf: { field: 'urgent', op: 'equals', value: true } },
        { id: 'enfants', type: 'repeat', label: 'Enfants', fields: [{ id: 'nom', type: 'text', label: 'Nom' }] },
        { id: 'nom', type: 'text', label: 'Nom' },
      ],
    },
  ],
});

function parsed(input: unknown): FormDefinition {
  const p = parseDefinition(input);
  assert.ok(p.ok, JSON.stringify(!p.ok && p.issues));
  return p.definition;
}

test('a form without fee is free', () => {
  const def = parsed({ sections: [{ id: 's', title: 'S', fields: [{ id: 'a', type: 'text', label: 'A' }] }] });
  assert.equal(feeOf(def, { a: 'x' }), 0);
});

test('a fixed fee, and parts computed from answers: copies × price, items of a block × price', () => {
  const def = parsed(form({ label: { fr: 'Frais', en: 'Fee' }, amount: 1000, per: [{ field: 'copies', price: 500 }, { field: 'enfants', price: 200 }] }));
  assert.equal(feeOf(def, {}), 1000);
  assert.equal(feeOf(def, { copies: 3 }), 2500);
  assert.equal(feeOf(def, { copies: 2, enfants: [{ nom: 'A' }, { nom: 'B' }] }), 2400);
});

test('a hidden question counts for nothing', () => {
  const def = parsed(form({ amount: 0, per: [{ field: 'express', price: 1500 }] }));
  assert.equal(feeOf(def, { urgent: true, express: 2 }), 3000);
  assert.equal(feeOf(def, { urgent: false, express: 2 }), 0);
});

test('fees are whole XOF, and parts name an integer question or a repeated block of the form', () => {
  const issues = (input: unknown) => {
    const p = parseDefinition(input);
    assert.ok(!p.ok);
    return p.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
  };
  assert.match(issues(form({ amount: 99.5 })), /^fee\.amount: whole XOF/m);
  assert.match(issues(form({ amount: -1 })), /^fee\.amount/m);
  assert.match(issues(form({ amount: 0, per: [{ field: 'absent', price: 100 }] })), /^fee\.per\.0\.field: no question "absent"/m);
  assert.match(issues(form({ amount: 0, per: [{ field: 'nom', price: 100 }] })), /^fee\.per\.0\.field: "nom" is a text/m);
  assert.match(issues(form({ amount: 100, currency: 'EUR' })), /^fee\.currency/m);
});

test('a fee on acceptance (« accepted, pay to receive ») is its own amount, checked by the same rules', () => {
  const base = form(undefined) as { sections: unknown[] };
  const def = parsed({ ...base, feeOnAcceptance: { label: 'Timbres', amount: 0, per: [{ field: 'copies', price: 500 }] } });
  assert.equal(feeOf(def, { copies: 3 }), 0, 'nothing asked at submission');
  assert.equal(acceptanceFeeOf(def, { copies: 3 }), 1500);
  assert.equal(acceptanceFeeOf(parsed(form(undefined)), { copies: 3 }), 0, 'none declared: nothing asked');
  const wrong = parseDefinition({ ...base, feeOnAcceptance: { amount: 0, per: [{ field: 'nom', price: 500 }] } });
  assert.ok(!wrong.ok);
  assert.deepEqual(wrong.issues[0]!.path, ['feeOnAcceptance', 'per', 0, 'field']);
  assert.ok(!parseDefinition({ ...base, feeOnAcceptance: { amount: 99.5 } }).ok, 'no fraction of a franc');
});

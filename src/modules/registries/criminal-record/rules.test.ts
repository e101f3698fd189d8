// The bulletin rules, case by case: what a judge (n°1), an administration (n°2) and the person (n°3) get.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bulletinEntries, evaluate } from './engine.ts';
import type { Bulletin, Conviction, ConvictionEvent } from './model.ts';

const person = { birthDate: '1990-05-10' };
const TODAY = '2026-11-28';
let n = 0;

function fiche(over: Partial<Conviction> & { events?: ConvictionEvent[] } = {}): Conviction {
  return {
    id: `c${++n}`,
    personId: 'p',
    courtName: 'Tribunal de grande instance de Niamey',
    decisionReference: null,
    decisionDate: '2024-03-01',
    offenceDate: '2023-12-01',
    offenceLabel: 'Vol aggravé',
    category: 'delit',
    prisonMonths: null,
    prisonSuspendedMonths: null,
    fineXof: null,
    fineSuspended: false,
    otherPenalty: null,
    otherPenaltyMonths: null,
    b3Ordered: false,
    events: [],
    ...over,
  };
}

/** On which of the three bulletins the fiche shows, alone in the record: e.g. [1, 2]. */
const on = (c: Conviction, others: Conviction[] = [], today = TODAY) =>
  ([1, 2, 3] as Bulletin[]).filter((b) => bulletinEntries(b, person, [c, ...others], today).some((x) => x.id === c.id));

test('three years of prison without sursis for a délit: on every bulletin', () => {
  assert.deepEqual(on(fiche({ prisonMonths: 36 })), [1, 2, 3]);
});

test('two years or less without sursis: n°1 and n°2, not n°3 — unless the court ordered the mention', () => {
  assert.deepEqual(on(fiche({ prisonMonths: 24 })), [1, 2]);
  assert.deepEqual(on(fiche({ prisonMonths: 18, b3Ordered: true })), [1, 2, 3]);
});

test('a suspended sentence: on n°2 during probation, gone from n°2 once « non avenue », never on n°3', () => {
  const suspended = fiche({ prisonMonths: 36, prisonSuspendedMonths: 36, decisionDate: '2024-03-01' });
  assert.deepEqual(on(suspended), [1, 2]);
  assert.deepEqual(on(suspended, [], '2029-03-01'), [1], 'five years after the decision');
  // A later conviction keeps it (the sursis may be revoked).
  assert.deepEqual(on(suspended, [fiche({ decisionDate: '2026-01-10', prisonMonths: 2 })], '2029-03-01'), [1, 2]);
  // Partly suspended: three years of which one suspended = two firm years, some sursis: not on n°3.
  assert.deepEqual(on(fiche({ prisonMonths: 48, prisonSuspendedMonths: 12 })), [1, 2]);
});

test('a revoked sursis counts as served in full', () => {
  const revoked = fiche({ prisonMonths: 36, prisonSuspendedMonths: 36, events: [{ kind: 'revocation_sursis', date: '2025-01-15' }] });
  assert.deepEqual(on(revoked), [1, 2, 3]);
});

test('a contravention: never on n°2 nor n°3, and gone from n°1 after three years', () => {
  const c = fiche({ category: 'contravention', fineXof: 20_000, decisionDate: '2025-06-01' });
  assert.deepEqual(on(c), [1]);
  assert.deepEqual(on(c, [], '2028-06-01'), []);
});

test('a minor at the time of the offence: only n°1, even for a long prison sentence', () => {
  const minor = fiche({ offenceDate: '2007-01-01', decisionDate: '2009-02-01', prisonMonths: 60 });
  assert.deepEqual(on(minor), [1]);
  // Without an offence date the decision date decides the age: 18 by then.
  assert.deepEqual(on(fiche({ offenceDate: null, decisionDate: '2009-02-01', prisonMonths: 60 })), [1, 2, 3]);
});

test('rehabilitation: erased from n°2 and n°3, kept on n°1', () => {
  const c = fiche({ prisonMonths: 60, events: [{ kind: 'rehabilitation', date: '2026-02-01' }] });
  assert.deepEqual(on(c), [1]);
  // Not before its date.
  assert.deepEqual(on(c, [], '2026-01-31'), [1, 2, 3]);
});

test('amnesty: gone from every bulletin', () => {
  assert.deepEqual(on(fiche({ prisonMonths: 60, events: [{ kind: 'amnistie', date: '2025-08-03' }] })), []);
});

test('an appeal pending: the decision is not final, only n°1; after the appeal ruling it is back', () => {
  const c = fiche({ prisonMonths: 36, events: [{ kind: 'appel', date: '2024-03-05' }] });
  assert.deepEqual(on(c), [1]);
  c.events.push({ kind: 'arret_appel', date: '2025-01-20' });
  assert.deepEqual(on(c), [1, 2, 3]);
});

test('expired entries: réhabilitation de plein droit once the sentence ended long enough ago, not on a guess', () => {
  const fine = fiche({ fineXof: 50_000, decisionDate: '2019-01-10' });
  assert.deepEqual(on(fine), [1, 2], 'no payment recorded: nothing erased');
  fine.events.push({ kind: 'execution', date: '2020-01-10' });
  assert.deepEqual(on(fine), [1], 'paid more than three years ago');
  const prison = fiche({ prisonMonths: 8, decisionDate: '2015-01-10', events: [{ kind: 'execution', date: '2015-09-10' }] });
  assert.deepEqual(on(prison, [], '2020-09-09'), [1, 2]);
  assert.deepEqual(on(prison, [], '2020-09-10'), [1]);
  const long = fiche({ prisonMonths: 84, decisionDate: '2005-01-10', events: [{ kind: 'execution', date: '2012-01-10' }] });
  assert.deepEqual(on(long, [], '2021-01-10'), [1, 2, 3]);
  assert.deepEqual(on(long, [], '2022-01-10'), [1]);
  // Twelve years firm: no réhabilitation de plein droit at all.
  assert.deepEqual(on(fiche({ prisonMonths: 144, decisionDate: '1995-01-10', events: [{ kind: 'execution', date: '2007-01-10' }] })), [1, 2, 3]);
  // Forty years on, without a later conviction, it leaves n°1 too.
  assert.deepEqual(on(fiche({ prisonMonths: 144, decisionDate: '1985-01-10', offenceDate: '1984-01-01' }), [], '2025-01-10').length, 0);
});

test('an interdiction is on n°3 while it runs', () => {
  const c = fiche({ fineXof: 100_000, otherPenalty: 'Interdiction d’exercer la profession de comptable', otherPenaltyMonths: 60, decisionDate: '2023-01-01' });
  assert.deepEqual(on(c), [1, 2, 3]);
  assert.deepEqual(on(c, [], '2028-01-01'), [1, 2]);
});

test('the verdict names the rule that decided, for the clerk', () => {
  const [v] = evaluate(2, person, [fiche({ category: 'contravention', fineXof: 5000 })], TODAY);
  assert.equal(v!.shown, false);
  assert.equal(v!.rule?.id, 'b2-contravention');
  const [w] = evaluate(3, person, [fiche({ prisonMonths: 36, events: [{ kind: 'amnistie', date: '2025-01-01' }] })], TODAY);
  assert.equal(w!.rule?.id, 'b1-amnistie');
  assert.equal(w!.inherited, true);
});

test('a record with nothing left for n°3 gives an empty list (« Néant »), and n°3 keeps only the serious fiche', () => {
  const record = [fiche({ prisonMonths: 6 }), fiche({ prisonMonths: 40, decisionDate: '2025-05-02' }), fiche({ category: 'contravention', fineXof: 1000 })];
  assert.deepEqual(bulletinEntries(3, person, record, TODAY).map((c) => c.prisonMonths), [40]);
  assert.equal(bulletinEntries(2, person, record, TODAY).length, 2);
  assert.equal(bulletinEntries(1, person, record, TODAY).length, 3);
  assert.deepEqual(bulletinEntries(3, person, [record[0]!], TODAY), []);
});

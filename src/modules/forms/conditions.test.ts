import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, isFieldVisible, isSectionVisible, visibleAnswers, visibleChildren, visibleFields, visibleSections } from './conditions.ts';
import type { Answers, FormDefinition, RepeatField } from './types.ts';

const a: Answers = {
  n: 5,
  d: '2000-01-01',
  s: 'Tillabéri',
  m: ['x', 'y'],
  no: false,
  e: '',
  none: [],
  t: { region: 'ti', department: 'ti-say', commune: 'ti-say-say' },
};

test('equals and differs: strings, numbers, booleans; a multichoice equals each of its values', () => {
  assert.ok(evaluate({ field: 'n', op: 'equals', value: 5 }, a));
  assert.ok(evaluate({ field: 'n', op: 'equals', value: '5' }, a));
  assert.ok(!evaluate({ field: 'n', op: 'equals', value: '5.0x' }, a));
  assert.ok(evaluate({ field: 's', op: 'equals', value: 'Tillabéri' }, a));
  assert.ok(!evaluate({ field: 's', op: 'equals', value: 'tillabéri' }, a), 'equals is exact');
  assert.ok(evaluate({ field: 'no', op: 'equals', value: false }, a));
  assert.ok(!evaluate({ field: 'no', op: 'equals', value: true }, a));
  assert.ok(evaluate({ field: 'm', op: 'equals', value: 'x' }, a));
  assert.ok(!evaluate({ field: 'm', op: 'equals', value: 'z' }, a));
  assert.ok(evaluate({ field: 't', op: 'equals', value: 'ti-say-say' }, a), 'a territory compares by its finest code');
  assert.ok(evaluate({ field: 's', op: 'differs', value: 'Zinder' }, a));
  assert.ok(!evaluate({ field: 's', op: 'differs', value: 'Tillabéri' }, a));
  assert.ok(evaluate({ field: 'm', op: 'differs', value: 'z' }, a));
  assert.ok(!evaluate({ field: 'e', op: 'differs', value: 'Zinder' }, a), 'an unanswered question differs from nothing');
  assert.ok(!evaluate({ field: 'absent', op: 'differs', value: 'Zinder' }, a));
  assert.ok(!evaluate({ field: 'absent', op: 'equals', value: '' }, a));
});

test('lt and gt: numbers as numbers, dates as dates, nothing else', () => {
  assert.ok(evaluate({ field: 'n', op: 'lt', value: 6 }, a));
  assert.ok(!evaluate({ field: 'n', op: 'lt', value: 5 }, a));
  assert.ok(evaluate({ field: 'n', op: 'gt', value: 4.5 }, a));
  assert.ok(evaluate({ field: 'n', op: 'gt', value: '10' } as never, { n: 11 }), '11 > "10" numerically');
  assert.ok(evaluate({ field: 'n', op: 'gt', value: 9 }, { n: 10 }), 'not as text, where "10" < "9"');
  assert.ok(evaluate({ field: 'd', op: 'lt', value: '2001-05-01' }, a));
  assert.ok(evaluate({ field: 'd', op: 'gt', value: '1999-12-31' }, a));
  assert.ok(!evaluate({ field: 's', op: 'lt', value: 'Zinder' }, a), 'words do not compare');
  assert.ok(!evaluate({ field: 'absent', op: 'lt', value: 3 }, a));
  assert.ok(!evaluate({ field: 'no', op: 'lt', value: 1 }, a));
});

test('includes: a value among the chosen ones, or words within a text (case and accents ignored)', () => {
  assert.ok(evaluate({ field: 'm', op: 'includes', value: 'y' }, a));
  assert.ok(!evaluate({ field: 'm', op: 'includes', value: 'z' }, a));
  assert.ok(evaluate({ field: 's', op: 'includes', value: 'labe' }, a));
  assert.ok(evaluate({ field: 's', op: 'includes', value: 'BÉRI' }, a));
  assert.ok(!evaluate({ field: 'n', op: 'includes', value: 5 }, a));
});

test('empty and filled: false is an answer, an empty list is not', () => {
  for (const id of ['e', 'none', 'absent']) assert.ok(evaluate({ field: id, op: 'empty' }, a) && !evaluate({ field: id, op: 'filled' }, a), id);
  for (const id of ['n', 'no', 'm', 't']) assert.ok(evaluate({ field: id, op: 'filled' }, a) && !evaluate({ field: id, op: 'empty' }, a), id);
  assert.ok(!evaluate({ field: 'constructor', op: 'filled' }, a), 'ids are looked up as own answers only');
});

test('all and any, nested', () => {
  const gt1 = { field: 'n', op: 'gt', value: 1 } as const;
  const isX = { field: 's', op: 'equals', value: 'x' } as const;
  assert.ok(evaluate({ all: [] }, a));
  assert.ok(!evaluate({ any: [] }, a));
  assert.ok(evaluate({ all: [gt1, { any: [isX, { field: 's', op: 'equals', value: 'Tillabéri' }] }] }, a));
  assert.ok(!evaluate({ all: [gt1, { any: [isX] }] }, a));
  assert.ok(evaluate({ any: [isX, { all: [gt1, { field: 'no', op: 'filled' }] }] }, a));
});

const form: FormDefinition = {
  sections: [
    {
      id: 'one',
      title: 'Un',
      fields: [
        { id: 'married', type: 'yesno', label: 'Marié(e) ?' },
        { id: 'spouse', type: 'text', label: 'Conjoint', visibleIf: { field: 'married', op: 'equals', value: true } },
        // Depends on a field that may be hidden: it must then see it empty.
        { id: 'spouse_job', type: 'text', label: 'Profession du conjoint', visibleIf: { field: 'spouse', op: 'filled' } },
        { id: 'note', type: 'heading', text: 'Note' },
        { id: 'agent_note', type: 'textarea', label: 'Note', private: true },
      ],
    },
    {
      id: 'children',
      title: 'Enfants',
      visibleIf: { field: 'married', op: 'equals', value: true },
      fields: [
        {
          id: 'child',
          type: 'repeat',
          label: 'Enfant',
          fields: [
            { id: 'name', type: 'text', label: 'Prénom' },
            { id: 'school', type: 'text', label: 'École', visibleIf: { field: 'name', op: 'filled' } },
            { id: 'spouse_is_parent', type: 'yesno', label: '?', visibleIf: { field: 'spouse', op: 'filled' } },
          ],
        },
      ],
    },
    { id: 'end', title: 'Fin', visibleIf: { field: 'child', op: 'filled' }, fields: [{ id: 'ok', type: 'checkbox', label: 'OK' }] },
  ],
};

test('a field depending on a hidden field sees it empty, across fields and sections', () => {
  const stale = { married: false, spouse: 'Awa', spouse_job: 'Couturière', child: [{ name: 'Ali' }] };
  assert.deepEqual(visibleAnswers(form, stale), { married: false });
  assert.deepEqual(
    visibleFields(form, stale).map((f) => f.id),
    ['married', 'note'],
    'spouse is hidden, so spouse_job sees it empty; private fields are for agents',
  );
  assert.deepEqual(visibleSections(form, stale).map((s) => s.id), ['one'], 'children hidden, so "end" sees no child');
  assert.ok(!isSectionVisible(form, 'end', stale));
  assert.ok(!isFieldVisible(form, 'spouse_job', stale));
  const married = { ...stale, married: true };
  assert.deepEqual(visibleFields(form, married, { includePrivate: true }).map((f) => f.id), ['married', 'spouse', 'spouse_job', 'note', 'agent_note', 'child', 'ok']);
  assert.deepEqual(visibleFields(form, married, { section: 'end' }).map((f) => f.id), ['ok']);
  assert.ok(isSectionVisible(form, 'end', married));
  assert.ok(!isSectionVisible(form, 'nowhere', married));
});

test('the fields of one item of a repeated block', () => {
  const repeat = form.sections[1]!.fields[0] as RepeatField;
  assert.deepEqual(visibleChildren(repeat, {}, {}).map((f) => f.id), ['name']);
  assert.deepEqual(visibleChildren(repeat, { name: 'Ali' }, { spouse: 'Awa' }).map((f) => f.id), ['name', 'school', 'spouse_is_parent']);
});

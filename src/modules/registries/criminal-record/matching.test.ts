// Homonyms and slips: who is proposed, who is left to the clerk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, normalizeName, outcome, rank } from './matching.ts';
import type { Person } from './model.ts';

const aicha: Person = { id: 'a', surname: 'Issoufou', givenNames: 'Aïcha Zeinabou', birthDate: '1994-03-12', birthPlace: 'Tahoua', fatherName: 'Issoufou Moussa', motherName: 'Mariama Hamani', nin: null };

test('names compare without accents, case, punctuation or order of the given names', () => {
  assert.equal(normalizeName("  N'Diaye-MAÏGA "), 'n diaye maiga');
  const m = compare({ surname: 'ISSOUFOU', givenNames: 'zeinabou aicha', birthDate: '1994-03-12', birthPlace: 'tahoua', fatherName: 'Moussa Issoufou', motherName: 'Mariama Hamani' }, aicha);
  assert.equal(m.level, 'exact');
  assert.equal(m.score, 100);
});

test('one exact candidate alone is proposed', () => {
  const other: Person = { ...aicha, id: 'b', surname: 'Garba', givenNames: 'Hadiza', birthDate: '1980-01-01', fatherName: 'Garba Ali', motherName: 'Fati Issa' };
  const result = outcome(rank({ ...aicha }, [other, aicha]));
  assert.equal(result.kind, 'unique');
  assert.equal(result.kind === 'unique' && result.match.person.id, 'a');
});

test('two homonyms born the same day in the same town: the clerk decides', () => {
  const twin: Person = { ...aicha, id: 'b', fatherName: null, motherName: null };
  const matches = rank({ ...aicha, fatherName: null, motherName: null }, [aicha, twin]);
  assert.equal(matches.length, 2);
  assert.equal(outcome(matches).kind, 'ambiguous');
});

test('a slip in a name or a swapped day and month is plausible, never exact', () => {
  const m = rank({ ...aicha, surname: 'Issoufa', birthDate: '1994-12-03' }, [aicha]);
  assert.equal(m.length, 1);
  assert.equal(m[0]!.level, 'plausible');
  assert.equal(outcome(m).kind, 'ambiguous');
});

test('different parents make another person; a different NIN outweighs alike names', () => {
  const sameNames = { ...aicha, fatherName: 'Abdou Sani', motherName: 'Hadiza Ali' };
  assert.notEqual(compare(sameNames, aicha).level, 'exact');
  const withNin: Person = { ...aicha, nin: 'NE-1234-5678' };
  assert.equal(compare({ ...aicha, nin: '123456789' }, withNin).level, 'plausible');
  assert.equal(compare({ ...aicha, nin: 'ne 1234 5678' }, withNin).level, 'exact');
  assert.equal(compare({ surname: 'Garba', givenNames: 'Ali', birthDate: '1970-01-01', birthPlace: 'Zinder', nin: 'ne12345678' }, withNin).level, 'plausible', 'the same NIN lifts a poor match to the clerk');
});

test('a stranger is no candidate: the registry holds nothing for him', () => {
  assert.equal(outcome(rank({ surname: 'Abdou', givenNames: 'Sani', birthDate: '1970-07-07', birthPlace: 'Maradi' }, [aicha])).kind, 'none');
});

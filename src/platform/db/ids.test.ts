import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from './ids.ts';

test('ids are 26 characters of Crockford base 32, in creation order, and distinct', () => {
  const ids = Array.from({ length: 1000 }, (_, i) => newId(1_764_000_000_000 + i));
  for (const id of ids) assert.match(id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.deepEqual([...ids].sort(), ids, 'later ids sort after earlier ones');
  assert.equal(new Set(Array.from({ length: 10_000 }, () => newId(0))).size, 10_000, 'the random part differs');
  assert.equal(newId(0).slice(0, 10), '0000000000');
  assert.equal(newId(2 ** 48 - 1).slice(0, 10), '7ZZZZZZZZZ');
});

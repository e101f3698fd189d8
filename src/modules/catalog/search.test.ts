import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { queryWords, searchProcedures, HL_START } from './search.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ seed: true });
});
after(() => t.close());

const search = (q: string, locale = 'fr') => searchProcedures(t.ctx.db, { q, country: 'ne', locale, limit: 10, offset: 0 });

test('typos and missing accents still find the criminal record extract first', async () => {
  for (const q of ['casier judiciaire', 'casie judiciare', 'CASIER', 'extrait de casier judiciaire', 'judiciare']) {
    const r = await search(q);
    assert.equal(r.hits[0]?.slug, 'extrait-casier-judiciaire', q);
  }
  assert.equal((await search('casie judiciare')).corrected, 'casier judiciaire');
});

test('accents are optional in both directions', async () => {
  const withAccents = await search('déclaration de naissance');
  const without = await search('declaration de naissance');
  assert.ok(withAccents.total > 0);
  assert.deepEqual(without.hits.map((h) => h.slug), withAccents.hits.map((h) => h.slug));
  assert.equal(without.hits[0]?.slug, 'declaration-naissance');
});

test('an English query finds the English text, and results come in the asked language', async () => {
  const r = await search('criminal record', 'en');
  assert.equal(r.hits[0]?.slug, 'extrait-casier-judiciaire');
  assert.match(r.hits[0]!.title, /criminal record/i);
});

test('matched words are marked for highlighting', async () => {
  const r = await search('passeport');
  assert.ok(r.hits.length > 0);
  assert.ok(r.hits[0]!.titleHighlighted.includes(`${HL_START}Passeport`) || r.hits[0]!.titleHighlighted.includes(`${HL_START}passeport`));
});

test('when no fiche has every word, fiches with any word are shown', async () => {
  const r = await search('passeport zzzzqqq');
  assert.ok(r.total > 0);
});

test('hostile and odd queries give ordinary (possibly empty) results', async () => {
  const hostile = [
    "'; DROP TABLE procedures; --",
    '<script>alert(1)</script>',
    '&|!():*',
    '😀🇳🇪',
    'בקשה לדרכון',
    'x'.repeat(10_000),
    '\u0000\u0001\u0002',
    'casier & | ! judiciaire :*',
  ];
  for (const q of hostile) {
    const r = await search(q);
    assert.ok(Array.isArray(r.hits), q.slice(0, 20));
  }
  assert.ok((await t.ctx.db.selectFrom('procedures').select('id').limit(1).execute()).length === 1, 'table still there');
});

test('query words are bounded in number and length', () => {
  assert.ok(queryWords('a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii jj kk').length <= 10);
  assert.deepEqual(queryWords("l'extrait-de-naissance!"), ['extrait', 'de', 'naissance']);
  assert.ok(queryWords('é'.repeat(5000)).join('').length <= 200);
});

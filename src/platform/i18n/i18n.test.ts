import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LOCALES } from '../../config.ts';
import { createI18n, negotiateLocale, translate } from './index.ts';

const catalog = (l: string) => JSON.parse(readFileSync(new URL(`../../../locales/${l}.json`, import.meta.url), 'utf8')) as Record<string, string>;
const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();

test('English is complete; every catalog only has keys of the French reference, with the same placeholders', () => {
  const fr = catalog('fr');
  const en = catalog('en');
  assert.deepEqual(Object.keys(fr).filter((k) => !(k in en)), [], 'keys missing in en.json');
  for (const l of LOCALES) {
    const c = catalog(l);
    assert.deepEqual(Object.keys(c).filter((k) => !(k in fr)), [], `unknown keys in ${l}.json`);
    for (const k of Object.keys(c)) assert.equal(placeholders(c[k]!), placeholders(fr[k]!), `${l}.json ${k}`);
  }
});

test('Hausa, Zarma and Wolof catalogs are started and fall back to French', () => {
  for (const l of ['ha', 'dje', 'wo'] as const) {
    const c = catalog(l);
    assert.ok(Object.keys(c).length >= 20, `${l}.json has ${Object.keys(c).length} keys`);
  }
  assert.equal(translate('ha', 'admin.error.audio'), translate('fr', 'admin.error.audio'));
});

test('amounts are whole FCFA grouped by thousands', () => {
  const i18n = createI18n('fr', 'Africa/Niamey');
  assert.equal(i18n.money(1900), '1\u00a0900\u00a0FCFA');
  assert.equal(i18n.money(0), '0\u00a0FCFA');
  assert.equal(i18n.money(1_250_000), '1\u00a0250\u00a0000\u00a0FCFA');
});

test('dates are shown in the service time zone', () => {
  // 23:30 UTC on 31 December is already 1 January in Niamey (UTC+1), still 31 December in Dakar (UTC+0).
  const d = new Date('2026-12-31T23:30:00Z');
  assert.match(createI18n('fr', 'Africa/Niamey').date(d), /1 janvier 2027/);
  assert.match(createI18n('fr', 'Africa/Dakar').date(d), /31 décembre 2026/);
  assert.match(createI18n('en', 'Africa/Niamey').dateTime(d), /00:30/);
});

test('language negotiation: explicit choice, then cookie, then browser, then default', () => {
  assert.equal(negotiateLocale('en', 'wo', 'ha', 'fr'), 'en');
  assert.equal(negotiateLocale(undefined, 'wo', 'ha', 'fr'), 'wo');
  assert.equal(negotiateLocale('zz', undefined, 'de-DE,ha;q=0.9', 'fr'), 'ha');
  assert.equal(negotiateLocale(['en'], 42, undefined, 'fr'), 'fr');
});

test('placeholders are filled, unknown ones left visible', () => {
  assert.equal(translate('fr', 'list.count', { count: 3 }), '3 démarche(s)');
  assert.match(translate('fr', 'list.count'), /\{count\}/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { MESSAGES } from './messages.ts';

const here = new URL('./', import.meta.url);
const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();

test('every message key the engine gives is listed, in French and English with the same placeholders', () => {
  const sources = readdirSync(here).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && n !== 'messages.ts');
  const used = new Set(sources.flatMap((n) => readFileSync(new URL(n, here), 'utf8').match(/'forms\.[a-z.]+'/g) ?? []).map((k) => k.slice(1, -1)));
  assert.ok(used.size > 30);
  for (const key of used) assert.ok(key in MESSAGES, `${key} is used but not in messages.ts`);
  for (const [key, { fr, en }] of Object.entries(MESSAGES)) assert.equal(placeholders(fr), placeholders(en), key);
});

test('the catalogs of the pages hold the same texts', () => {
  for (const locale of ['fr', 'en'] as const) {
    const catalog = JSON.parse(readFileSync(new URL(`../../../locales/${locale}.json`, import.meta.url), 'utf8')) as Record<string, string>;
    for (const [key, texts] of Object.entries(MESSAGES)) assert.equal(catalog[key], texts[locale], `${locale}.json ${key}`);
  }
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { bumpContentVersion, PageCache } from './page-cache.ts';

let t: TestApp;
let content = 'première version';
before(async () => {
  t = await startTestApp({
    extend: (app) => {
      const cache = new PageCache(app.ctx.db, 'test-content');
      app.get('/test/page', (req, reply) => cache.serve(req, reply, async () => ({ html: `<p>${content}</p>`, status: 200 })));
    },
  });
});
after(() => t.close());

/** Calls the cache directly, as one instance would, recording what it sends. */
function instance(name: string) {
  const cache = new PageCache(t.ctx.db, name);
  const sent: string[] = [];
  let renders = 0;
  const reply = { code: () => reply, type: () => reply, header: () => reply, send: (b: Buffer | string) => (sent.push(b.toString()), reply) };
  const serve = (html: string, session: object | null = null) =>
    cache.serve({ session, locale: 'fr', url: '/x', headers: {} } as unknown as FastifyRequest, reply as unknown as FastifyReply, async () => {
      renders++;
      return { html, status: 200 };
    });
  return { serve, sent, renders: () => renders };
}

test('anonymous visitors get the kept page, compressed as they ask, until the content changes here', async () => {
  const first = await t.app.inject({ url: '/test/page', headers: { 'accept-encoding': 'br' } });
  assert.equal(first.headers['content-encoding'], 'br');
  content = 'deuxième version';
  const kept = await t.app.inject({ url: '/test/page', headers: { 'accept-encoding': 'gzip' } });
  assert.equal(kept.headers['content-encoding'], 'gzip');
  assert.match(gunzipSync(kept.rawPayload).toString(), /première version/);
  await bumpContentVersion(t.ctx.db, 'test-content');
  assert.match((await t.app.inject('/test/page')).body, /deuxième version/);
});

test('a change made by another instance shows here within a second', async () => {
  const here = instance('other-content');
  await here.serve('avant');
  // Changed "elsewhere": straight in SQL, so this process has no local notice of it.
  await t.ctx.db.insertInto('content_versions').values({ name: 'other-content', version: 99 }).execute();
  await here.serve('après');
  await new Promise((r) => setTimeout(r, 1100));
  await here.serve('après');
  assert.deepEqual(here.sent, ['avant', 'avant', 'après']);
});

test('signed-in visitors are never served a kept page', async () => {
  const here = instance('third');
  for (let i = 0; i < 3; i++) await here.serve('x', { user: null });
  assert.equal(here.renders(), 3);
});

test('what signed-in visitors’ pages are made of is read once per content version', async () => {
  const cache = new PageCache(t.ctx.db, 'fourth');
  let reads = 0;
  const load = async () => `lecture ${++reads}`;
  assert.equal(await cache.kept('k', load), 'lecture 1');
  assert.deepEqual(await Promise.all([cache.kept('k', load), cache.kept('k', load)]), ['lecture 1', 'lecture 1']);
  assert.equal(await cache.kept('other', load), 'lecture 2');
  await bumpContentVersion(t.ctx.db, 'fourth');
  assert.equal(await cache.kept('k', load), 'lecture 3');
  // Nothing found, or a failed read, is not kept.
  let missing = 0;
  await cache.kept('none', async () => (missing++, undefined));
  await cache.kept('none', async () => (missing++, undefined));
  assert.equal(missing, 2);
  await assert.rejects(cache.kept('bad', async () => Promise.reject(new Error('down'))));
  assert.equal(await cache.kept('bad', load), 'lecture 4');
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { Visitor } from '../../../test/support/browser-session.ts';
import { stylesheet } from '../ui/assets.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({
    // A route that fails like a bug would, to see what a visitor gets then.
    extend: (app) =>
      app.get('/test/boom', async () => {
        throw new Error('secret detail at /srv/guichet/src/file.ts:42');
      }),
  });
});
after(() => t.close());

test('every page carries a strict Content-Security-Policy and the usual protections', async () => {
  const res = await t.app.inject('/connexion');
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.doesNotMatch(res.body, /<script/);
});

test('the session cookie is HttpOnly and SameSite=Lax', async () => {
  const res = await t.app.inject('/connexion');
  const cookie = res.cookies.find((c) => c.name === 'gsid');
  assert.ok(cookie);
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(cookie.path, '/');
});

test('a fault shows a plain 500 page in the visitor\'s language and no internal detail', async () => {
  const res = await t.app.inject('/test/boom');
  assert.equal(res.statusCode, 500);
  assert.match(res.body, /Une erreur est survenue/);
  assert.doesNotMatch(res.body, /secret detail|\.ts:|at /);
  const en = await t.app.inject('/test/boom?lang=en');
  assert.doesNotMatch(en.body, /Une erreur est survenue/);
});

test('health, readiness and metrics', async () => {
  assert.deepEqual((await t.app.inject('/healthz')).json(), { status: 'ok' });
  const ready = await t.app.inject('/readyz');
  assert.equal(ready.statusCode, 200);
  assert.equal(ready.json().status, 'ready');
  await t.app.inject('/');
  const metrics = await t.app.inject('/metrics');
  assert.match(metrics.body, /guichet_http_request_duration_seconds_count\{method="GET",route="\/",status="200"\}/);
  assert.match(metrics.body, /process_cpu_user_seconds_total/);
});

test('the stylesheet has a content-hashed name, a year of cache and precompressed bodies', async () => {
  assert.match(stylesheet.href, /^\/static\/app\.[0-9a-f]{10}\.css$/);
  const br = await t.app.inject({ url: stylesheet.href, headers: { 'accept-encoding': 'br, gzip' } });
  assert.equal(br.statusCode, 200);
  assert.equal(br.headers['content-encoding'], 'br');
  assert.match(String(br.headers['cache-control']), /max-age=31536000, immutable/);
  const plain = await t.app.inject({ url: stylesheet.href, headers: { 'accept-encoding': 'identity' } });
  assert.match(plain.body, /box-sizing/);
  assert.equal((await t.app.inject('/static/app.0000000000.css')).statusCode, 404);
});

test('pages are compressed with brotli or gzip', async () => {
  const br = await t.app.inject({ url: '/connexion', headers: { 'accept-encoding': 'br' } });
  assert.equal(br.headers['content-encoding'], 'br');
  const gz = await t.app.inject({ url: '/connexion', headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers['content-encoding'], 'gzip');
});

test('a body over the limit is refused with a page, not a crash', async () => {
  const v = new Visitor(t.app);
  await v.get('/connexion');
  const res = await v.post('/connexion/email', { email: 'x@example.ne', password: 'p'.repeat(200_000) });
  assert.equal(res.statusCode, 413);
  assert.match(res.body, /trop volumineux/);
});

test('the global rate limit answers 429 with a page', async () => {
  const limited = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
  try {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited.app.inject({ url: '/connexion', headers: { 'x-forwarded-for': '10.9.9.9' } })).statusCode);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    const res = await limited.app.inject({ url: '/connexion', headers: { 'x-forwarded-for': '10.9.9.9' } });
    assert.match(res.body, /Trop de demandes/);
    assert.equal((await limited.app.inject({ url: '/connexion', headers: { 'x-forwarded-for': '10.9.9.10' } })).statusCode, 200, 'other visitors are served');
  } finally {
    await limited.close();
  }
});

test('in production there is no /dev route', async () => {
  const prod = await startTestApp({ env: { NODE_ENV: 'production', DOCUMENTS_MASTER_KEY: '11'.repeat(32) } });
  try {
    assert.equal((await prod.app.inject('/dev/outbox.json')).statusCode, 404);
    assert.equal((await prod.app.inject('/dev/outbox')).statusCode, 404);
    const res = await prod.app.inject('/connexion');
    assert.equal(res.cookies.find((c) => c.name === 'gsid')?.secure, true, 'cookies are Secure in production');
  } finally {
    await prod.close();
  }
});

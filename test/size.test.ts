// The 2G budget: every citizen page, compressed as a browser asks for it, fits with its stylesheet in
// 14 KB (the first round trip of a new TCP connection), and needs no script.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import { startTestApp, type TestApp } from './support/app.ts';
import { Visitor } from './support/browser-session.ts';
import { script, stylesheet } from '../src/platform/ui/assets.ts';

const BUDGET = 14 * 1024;

let t: TestApp;
before(async () => {
  t = await startTestApp({ seed: true });
});
after(() => t.close());

async function citizenPages(): Promise<string[]> {
  const slugs = await t.ctx.db.selectFrom('procedures').select('slug').where('country', '=', t.config.country).execute();
  return [
    '/',
    '/demarches',
    '/demarches?categorie=justice',
    '/recherche?q=casier+judiciaire',
    '/recherche?q=acte',
    '/connexion',
    '/inscription',
    '/nexiste-pas',
    ...slugs.map((s) => `/demarches/${s.slug}`),
  ];
}

test('every citizen page plus its stylesheet is at most 14 KB compressed, in every language, with no script', async () => {
  const sizes: { url: string; bytes: number }[] = [];
  for (const lang of ['fr', 'en']) {
    for (const url of await citizenPages()) {
      const res = await t.app.inject({ url: `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`, headers: { 'accept-encoding': 'br, gzip' } });
      assert.ok([200, 404].includes(res.statusCode), url);
      assert.equal(res.headers['content-encoding'], 'br', `${url} is compressed`);
      sizes.push({ url: `${url} (${lang})`, bytes: res.rawPayload.length + stylesheet.br.length });
      assert.doesNotMatch(res.body, /<script/i, `${url} has no script`);
    }
  }
  const over = sizes.filter((s) => s.bytes > BUDGET);
  assert.deepEqual(over, [], `pages over ${BUDGET} bytes`);
  assert.ok(sizes.length > 60);
});

test('the code-entry page of sign-in fits too', async () => {
  const v = new Visitor(t.app);
  await v.get('/connexion');
  await v.post('/connexion/telephone', { phone: '+227 90 12 12 12' });
  const res = await v.get('/connexion/code', { 'accept-encoding': 'br' });
  assert.equal(res.statusCode, 200);
  assert.ok(res.rawPayload.length + stylesheet.br.length <= BUDGET);
});

test('the pages of an online procedure fit too, with the stylesheet and the form script', async () => {
  const v = new Visitor(t.app, { 'x-forwarded-for': '10.3.0.1' });
  await v.get('/inscription');
  await v.post('/inscription/email', { email: 'budget@exemple.ne', ename: 'Budget', password: 'un mot de passe solide 2026' });
  await v.get('/demarches/extrait-casier-judiciaire/en-ligne');
  const started = await v.post('/demarches/extrait-casier-judiciaire/en-ligne', {});
  const id = String(started.headers.location).split('/')[2]!;
  const sections = ['identite', 'piece', 'contact', 'engagement'];
  const pages = ['/demarches/extrait-casier-judiciaire/en-ligne', ...sections.map((s) => `/dossiers/${id}/pages/${s}`), `/dossiers/${id}/recapitulatif`, '/mes-dossiers'];
  const over: string[] = [];
  for (const lang of ['fr', 'en']) {
    for (const url of pages) {
      const res = await v.get(`${url}?lang=${lang}`, { 'accept-encoding': 'br' });
      assert.equal(res.statusCode, 200, url);
      const html = brotliDecompressSync(res.rawPayload).toString();
      assert.ok(html.includes('</html>'), url);
      const bytes = res.rawPayload.length + stylesheet.br.length + (html.includes(script.href) ? script.br.length : 0);
      if (bytes > BUDGET) over.push(`${url} (${lang}): ${bytes}`);
    }
  }
  assert.deepEqual(over, []);
});

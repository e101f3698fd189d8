import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ seed: true });
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('citizen pages', () => {
  test('the home page offers search, the most requested procedures and life events', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<form method="get" action="\/recherche" role="search"/);
    assert.match(res.body, /href="\/demarches\/extrait-casier-judiciaire"/);
    assert.match(res.body, /href="\/demarches\?categorie=justice"/);
    assert.match(res.body, /République du Niger/);
  });

  test('a fiche shows what a citizen needs: cost in FCFA, delay, documents, where to go', async () => {
    const res = await get('/demarches/extrait-casier-judiciaire');
    assert.equal(res.statusCode, 200);
    const cost = await t.ctx.db.selectFrom('procedures').select('cost_xof').where('slug', '=', 'extrait-casier-judiciaire').where('country', '=', 'ne').executeTakeFirstOrThrow();
    assert.match(res.body, new RegExp(`${cost.cost_xof!.toLocaleString('fr-FR').replace(/\s/g, '.')}.FCFA`));
    for (const heading of ["L&#39;essentiel|L'essentiel", 'Les pièces à fournir', "Où s&#39;adresser|Où s'adresser", 'Recours et réclamations']) {
      assert.match(res.body, new RegExp(heading));
    }
  });

  test('the list pages by category and paginates; pages past the end are 404', async () => {
    const all = await get('/demarches');
    assert.equal(all.statusCode, 200);
    const justice = await get('/demarches?categorie=justice');
    assert.match(justice.body, /<h1>Justice<\/h1>/);
    assert.equal((await get('/demarches?page=999')).statusCode, 404);
    assert.equal((await get('/demarches?categorie=nimportequoi&page=abc')).statusCode, 200, 'bad values fall back to defaults');
  });

  test('unknown addresses get the French 404 page, not an error', async () => {
    for (const url of ['/demarches/nexiste-pas', '/nulle-part', '/demarches/..%2F..%2Fetc%2Fpasswd']) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Page introuvable/);
    }
    const nul = await get('/demarches/%00');
    assert.equal(nul.statusCode, 400);
    assert.match(nul.body, /Demande impossible/);
  });

  test('search results are highlighted and hostile queries come back as a normal, escaped page', async () => {
    const found = await get('/recherche?q=casie+judiciare');
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /<mark>casier<\/mark>/i);
    assert.match(found.body, /Résultats pour « casier judiciaire »/);
    for (const q of ['<script>alert(1)</script>', "' OR 1=1 --", 'x'.repeat(12_000), '😀', 'ابحث', '']) {
      const res = await get(`/recherche?q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200, q.slice(0, 20));
      assert.ok(!res.body.includes('<script>alert'), 'markup is escaped');
    }
  });

  test('the language follows ?lang=, then the cookie it sets, then Accept-Language', async () => {
    const en = await get('/?lang=en');
    assert.match(en.body, /<html lang="en"/);
    const cookie = en.cookies.find((c) => c.name === 'lang');
    assert.equal(cookie?.value, 'en');
    const remembered = await get('/', { cookie: 'lang=en' });
    assert.match(remembered.body, /<html lang="en"/);
    const browser = await get('/', { 'accept-language': 'en-GB,en;q=0.8' });
    assert.match(browser.body, /<html lang="en"/);
    const unknown = await get('/?lang=xx', { 'accept-language': 'de' });
    assert.match(unknown.body, /<html lang="fr"/);
  });

  test('a language without a translation of the fiche shows French and says so', async () => {
    const res = await get('/demarches/certificat-nationalite?lang=wo');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<article lang="fr"/);
  });
});

describe('JSON API', () => {
  test('lists fiches with filters and pagination', async () => {
    const res = await get('/api/v1/procedures?limit=5');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.items.length, 5);
    assert.ok(body.total >= 25);
    const page2 = (await get('/api/v1/procedures?limit=5&offset=5')).json();
    assert.notDeepEqual(page2.items.map((i: { slug: string }) => i.slug), body.items.map((i: { slug: string }) => i.slug));
    const justice = (await get('/api/v1/procedures?category=justice&limit=500')).json();
    assert.ok(justice.items.length > 0 && justice.items.every((i: { category: string }) => i.category === 'justice'));
    const sn = (await get('/api/v1/procedures?country=sn&limit=500')).json();
    assert.ok(sn.total >= 10 && sn.items.every((i: { country: string }) => i.country === 'sn'));
  });

  test('searches by text, in the asked language', async () => {
    const body = (await get('/api/v1/procedures?q=casie%20judiciare&lang=en')).json();
    assert.equal(body.items[0].slug, 'extrait-casier-judiciaire');
    assert.match(body.items[0].title, /criminal record/i);
  });

  test('bad parameters get a 400 with an explanation, never a 500', async () => {
    for (const q of ['limit=501', 'limit=0', 'limit=abc', 'offset=-1', 'category=nope', 'country=fr']) {
      const res = await get(`/api/v1/procedures?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.ok(res.json().error.message);
    }
  });

  test('one fiche in full, and 404 for an unknown slug', async () => {
    const res = await get('/api/v1/procedures/extrait-casier-judiciaire');
    assert.equal(res.statusCode, 200);
    const fiche = res.json();
    assert.ok(Array.isArray(fiche.documents) && fiche.documents.length > 0);
    assert.ok(Array.isArray(fiche.service_points) && fiche.service_points.length > 0);
    assert.equal(typeof fiche.cost_xof, 'number');
    assert.equal((await get('/api/v1/procedures/inconnue')).statusCode, 404);
  });

  test('the OpenAPI 3.1 document describes the catalog endpoints', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/procedures'].get);
    assert.ok(doc.paths['/api/v1/procedures/{slug}'].get);
    assert.ok(doc.components.schemas.ProcedureSummary);
  });
});

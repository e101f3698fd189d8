// The security baseline of ARCHITECTURE.md, checked on every route the server has — drawn from its route
// table, so a route added later is checked without anyone remembering to: every page carries the strict
// Content-Security-Policy and the usual protections, no cookie is readable by a script or sent cross-site, no
// request makes a server error, and no state-changing form is accepted without its CSRF token.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.ts';
import { databaseState } from '../support/db-state.ts';
import { fileCasier } from '../support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../support/backoffice.ts';
import { Visitor } from '../support/browser-session.ts';

let t: TestApp;
let visitors: Visitor[];
let params: Record<string, string>;

before(async () => {
  t = await startTestApp({ seed: true });
  const { procedureId, own } = await administrationsOf(t, 'extrait-casier-judiciaire');
  const team = await makeTeam(t, own, 'Équipe');
  await processProcedure(t, procedureId, { defaultTeamId: team });
  const filed = await fileCasier(t);
  const manager = await signedInStaff(t, { role: 'manager', administrationId: own });
  const agent = await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [team] });
  const file = await t.ctx.db.selectFrom('dossier_attachments').select('id').where('dossier_id', '=', filed.id).executeTakeFirstOrThrow();
  visitors = [new Visitor(t.app, { 'x-forwarded-for': '10.66.0.1' }), filed.v, agent.v, manager.v];
  params = { id: filed.id, file: file.id, reference: filed.reference, procedureId, teamId: team, userId: agent.id, slug: 'extrait-casier-judiciaire', section: 'identite' };
});
after(() => t.close());

/** A route's address with its parameters filled: real ids where the test has one, a well-formed unknown id else. */
const address = (pattern: string) => pattern.replace(/:(\w+)/g, (_, name: string) => params[name] ?? '01JZZZZZZZZZZZZZZZZZZZZZZZ').replace(/\*$/, 'x');

/** Routes of the server, leaving out the static files (content-hashed assets, no page). */
const routes = (methods: string[]) => t.app.routeTable.filter((r) => methods.includes(r.method) && !r.url.startsWith('/static/'));

test('every page answers without a server error and with the strict policy and cookie flags', async () => {
  const pages = routes(['GET']);
  assert.ok(pages.length > 30, `the route table is read (${pages.length} GET routes)`);
  for (const { url } of pages) {
    for (const v of visitors) {
      const res = await v.get(address(url));
      const where = `GET ${url} (${res.statusCode})`;
      assert.ok(res.statusCode < 500, `${where}: never a server error`);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', `${where}: nosniff`);
      if (String(res.headers['content-type'] ?? '').startsWith('text/html')) {
        const csp = String(res.headers['content-security-policy'] ?? '');
        assert.match(csp, /default-src 'self'/, `${where}: a Content-Security-Policy`);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${where}: no inline script allowed`);
        assert.match(csp, /frame-ancestors 'none'/, `${where}: not framed by another site`);
        assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)[^>]*>/, `${where}: no inline script in the page`);
      }
      for (const cookie of res.cookies) {
        assert.equal(cookie.sameSite, 'Lax', `${where}: cookie ${cookie.name} is SameSite=Lax`);
        if (cookie.name !== 'lang') assert.equal(cookie.httpOnly, true, `${where}: cookie ${cookie.name} is HttpOnly`);
      }
    }
  }
});


test('no form is accepted without its CSRF token, whoever sends it, and nothing changes', async () => {
  // (Forms post; no route outside the JSON API takes another method, and the API acts on no session.)
  const forms = routes(['POST', 'PUT', 'PATCH', 'DELETE']).filter((r) => !r.url.startsWith('/api/'));
  assert.deepEqual(forms.filter((r) => r.method !== 'POST'), [], 'browser forms only post');
  assert.ok(forms.length > 30, `the route table is read (${forms.length} form routes)`);
  const before = await databaseState(t);
  for (const { method, url } of forms) {
    for (const v of visitors) {
      await v.get('/');
      const res = await v.post(address(url), { _csrf: '', version: '1', action: 'accept', message: 'essai', motivation: 'essai' });
      assert.equal(res.statusCode, 403, `${method} ${url} without a token: refused (got ${res.statusCode})`);
    }
  }
  assert.deepEqual(await databaseState(t), before, 'the refused forms changed nothing');
});

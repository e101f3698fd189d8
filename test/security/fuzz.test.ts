// Hostile input on every form and JSON endpoint the server has (drawn from its route table): random and
// known-malicious values — SQL, script, path traversal, overlong UTF-8, NUL bytes, huge numbers, deep JSON,
// malformed multipart, a 100 MB body. Whatever comes in, the answer is a page or a JSON error, never a 500
// nor a trace of the code; a request that is refused leaves every table as it was; memory stays bounded.
// Runs are bounded by count and by time (fast-check), so the suite costs the same on every machine.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp } from '../support/app.ts';
import { databaseState } from '../support/db-state.ts';
import { fileCasier, startCasier } from '../support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../support/backoffice.ts';
import type { Visitor } from '../support/browser-session.ts';

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 12);

const MALICIOUS = [
  "' OR '1'='1",
  "'); DROP TABLE dossiers; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  'a\u0000b',
  '\u0000',
  '\uD800',
  '\uFEFF\u202E',
  '9'.repeat(400),
  '-1e308',
  '1e999',
  'NaN',
  '{{7*7}}${7*7}',
  '\r\nSet-Cookie: pirate=1',
  'é'.repeat(5_000),
  'x'.repeat(70_000),
];
/** Percent-encoded bytes no decoder should trust: overlong UTF-8 of "/", an invalid escape, a lone continuation byte, NUL. */
const RAW_BYTES = ['%C0%AF', '%ZZ', '%80', '%00', '%E0%80%AF', '%'];

/** A value as a browser would put it in an address: a lone surrogate cannot be, it becomes U+FFFD (raw bytes cover the rest). */
const enc = (v: string) => encodeURIComponent(Buffer.from(v, 'utf8').toString('utf8'));

const value = fc.oneof(
  fc.constantFrom(...MALICIOUS),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constant(''),
);

let t: TestApp;
let applicant: Visitor;
let manager: Visitor;
let params: Record<string, string>;
let memoryBefore: number;

before(async () => {
  t = await startTestApp({ seed: true });
  const { procedureId, own } = await administrationsOf(t, 'extrait-casier-judiciaire');
  const team = await makeTeam(t, own, 'Équipe');
  await processProcedure(t, procedureId, { defaultTeamId: team });
  const filed = await fileCasier(t);
  applicant = filed.v;
  const draft = await startCasier(applicant);
  manager = (await signedInStaff(t, { role: 'manager', administrationId: own })).v;
  params = { id: filed.id, draft, reference: filed.reference, procedureId, teamId: team, slug: 'extrait-casier-judiciaire', section: 'identite' };
  memoryBefore = process.memoryUsage().rss;
});
after(() => t.close());

const address = (pattern: string, draftFirst: boolean) =>
  pattern.replace(/:(\w+)/g, (_, name: string) => (name === 'id' && draftFirst ? params.draft! : params[name]) ?? '01JZZZZZZZZZZZZZZZZZZZZZZZ');


function sane(res: LightMyRequestResponse, what: string) {
  assert.ok(res.statusCode < 500, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  assert.doesNotMatch(res.body, /\.tsx?:\d+|node_modules|at [A-Za-z.<>]+ \(/, `${what}: no trace of the code`);
}

/** The form's own field names, read from the page that shows it (else a few common ones). */
async function fieldsOf(v: Visitor, path: string): Promise<string[]> {
  const page = await v.get(path);
  const names = [...page.body.matchAll(/name="([^"]+)"/g)].map((m) => m[1]!).filter((n) => n !== '_csrf');
  return names.length > 0 ? [...new Set(names)] : ['version', 'action', 'message', 'motivation', 'email', 'password', 'code', 'q'];
}

async function postRaw(v: Visitor, url: string, body: string) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...v.cookies].map(([k, c]) => `${k}=${c}`).join('; ') },
  });
}

test('every form answers hostile values with a page, never a 500, and a refusal changes nothing', async () => {
  const forms = t.app.routeTable.filter((r) => r.method === 'POST' && !r.url.startsWith('/api/') && !r.url.startsWith('/dev/'));
  for (const { url: pattern } of forms) {
    for (const v of [applicant, manager]) {
      const url = address(pattern, v === applicant);
      const hasPage = t.app.routeTable.some((r) => r.method === 'GET' && r.url === pattern);
      const fields = await fieldsOf(v, hasPage ? url : '/');
      const before = await databaseState(t);
      let changed = false;
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...fields), value, { minKeys: 1 }), fc.constantFrom(...RAW_BYTES), fc.boolean(), async (answers, raw, broken) => {
          await v.get(hasPage ? url : '/'); // a fresh, valid CSRF token: the hostile part is the values
          const body = new URLSearchParams({ _csrf: v.csrf, ...answers }).toString() + (broken ? `&${fields[0]}=${raw}` : '');
          const res = await postRaw(v, url, body);
          sane(res, `POST ${pattern}`);
          if (res.statusCode < 400) changed = true;
        }),
        { numRuns: RUNS_PER_ROUTE, interruptAfterTimeLimit: 20_000, seed: 2026 },
      );
      if (!changed) assert.equal(await databaseState(t), before, `POST ${pattern}: refused requests changed nothing`);
    }
  }
});

test('the JSON API answers hostile bodies and queries with a JSON error', async () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const prefill = (payload: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/procedures/extrait-casier-judiciaire/dossiers', payload, headers: { 'content-type': 'application/json' } });
  // A prefill is lenient by design: a value its field refuses is left out (named in `ignored`); what is kept is
  // clean text — no NUL, no lone surrogate.
  for (const [field, raw] of [['nom', '"\\u0000"'], ['nom', '"a\\u0000b"'], ['date_naissance', `"${'9'.repeat(400)}"`], ['nom', '"\\uD800"']] as const) {
    const res = await prefill(`{"answers":{"${field}":${raw}}}`);
    sane(res, `prefill ${field}=${raw.slice(0, 20)}`);
    if (res.statusCode !== 201) continue;
    const { id, ignored } = res.json() as { id: string; ignored: string[] };
    const { answers } = await t.ctx.db.selectFrom('dossiers').select('answers').where('id', '=', id).executeTakeFirstOrThrow();
    const kept = (answers as Record<string, unknown>)[field];
    const clean = (v: unknown) => typeof v === 'string' && !v.includes('\u0000') && Buffer.from(v, 'utf8').toString('utf8') === v;
    assert.ok(kept === undefined || ignored.includes(field) || clean(kept), `${field}=${raw.slice(0, 20)} kept as ${JSON.stringify(kept)}`);
  }
  const before = await databaseState(t);
  for (const body of ['', 'null', '{', deep, '{"answers":' + deep + '}', '{"answers":[1]}', '"\\uD800"', '[]']) {
    const res = await prefill(body);
    sane(res, `POST /api/v1/procedures/:slug/dossiers ${body.slice(0, 40)}`);
    assert.ok(res.statusCode >= 400, `${body.slice(0, 40)}: refused`);
  }
  // (A random value may be a valid prefill — an object of known answers — and then rightly makes a draft.)
  await fc.assert(
    fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }).filter((j) => typeof j !== 'object' || j === null || Array.isArray(j)), async (json) => {
      const res = await prefill(JSON.stringify(json));
      sane(res, 'POST /api/v1/procedures/:slug/dossiers');
      assert.ok(res.statusCode >= 400, `${JSON.stringify(json).slice(0, 40)}: refused`);
    }),
    { numRuns: 40, interruptAfterTimeLimit: 20_000, seed: 2026 },
  );
  const reads = t.app.routeTable.filter((r) => r.method === 'GET' && r.url.startsWith('/api/'));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...reads.map((r) => r.url)), value, fc.constantFrom(...RAW_BYTES), async (pattern, v, raw) => {
      const url = pattern.replace(/:(\w+)/g, () => enc(v).slice(0, 300) || raw);
      const res = await t.app.inject({ method: 'GET', url: `${url}?q=${enc(v)}&country=${raw}&limit=${enc(v)}` });
      sane(res, `GET ${pattern}`);
    }),
    { numRuns: 60, interruptAfterTimeLimit: 20_000, seed: 2026 },
  );
  assert.equal(await databaseState(t), before, 'refused API calls changed nothing');
});

test('search pages take any query', async () => {
  await fc.assert(
    fc.asyncProperty(value, fc.constantFrom(...RAW_BYTES), async (q, raw) => {
      for (const url of [`/recherche?q=${enc(q)}`, `/recherche?q=${raw}`, `/demarches?categorie=${enc(q)}`, `/agent?q=${enc(q)}&apres=${raw}`]) {
        sane(await manager.get(url), `GET ${url.slice(0, 60)}`);
      }
    }),
    { numRuns: 30, interruptAfterTimeLimit: 20_000, seed: 2026 },
  );
});

test('malformed multipart and a 100 MB body are refused cleanly and nothing is kept', async () => {
  const url = `/dossiers/${params.draft}/pages/piece`;
  await applicant.get(url);
  const target = `${url}?_csrf=${encodeURIComponent(applicant.csrf)}`;
  const cookie = [...applicant.cookies].map(([k, c]) => `${k}=${c}`).join('; ');
  const before = await databaseState(t);
  const malformed = [
    { type: 'multipart/form-data; boundary=abc', body: '--abc\r\nContent-Disposition: form-data; name="piece_identite"; filename="a.png"\r\n\r\n\x89PNG' },
    { type: 'multipart/form-data; boundary=abc', body: '--xyz\r\n\r\n--xyz--' },
    { type: 'multipart/form-data', body: 'no boundary at all' },
    { type: 'multipart/form-data; boundary=abc', body: '--abc\r\nContent-Disposition: form-data; name="../../etc/passwd"; filename="../../../etc/passwd"\r\n\r\nroot\r\n--abc--\r\n' },
  ];
  for (const { type, body } of malformed) {
    sane(await t.app.inject({ method: 'POST', url: target, payload: body, headers: { 'content-type': type, cookie } }), `multipart ${body.slice(0, 30)}`);
  }
  for (const type of ['multipart/form-data; boundary=abc', 'application/x-www-form-urlencoded', 'application/json']) {
    const hundredMegabytes = Readable.from((function* () {
      const chunk = Buffer.alloc(1 << 20, 0x61);
      for (let i = 0; i < 100; i++) yield chunk;
    })());
    const res = await t.app.inject({ method: 'POST', url: type.startsWith('application/json') ? '/api/v1/procedures/extrait-casier-judiciaire/dossiers' : target, payload: hundredMegabytes, headers: { 'content-type': type, cookie } });
    sane(res, `100 MB of ${type}`);
    assert.ok(res.statusCode >= 400, `100 MB of ${type} refused (${res.statusCode})`);
  }
  assert.equal(await databaseState(t), before, 'nothing of the refused uploads was kept');
  const grown = (process.memoryUsage().rss - memoryBefore) / 1_048_576;
  assert.ok(grown < 400, `memory stays bounded (grew ${grown.toFixed(0)} MB)`);
});

// Documents end to end over HTTP: the applicant's receipt and documents, /verifier and its API for valid,
// tampered and revoked codes, the published keys across a rotation, revocation inside and outside the scope,
// and the agent's preview.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../../../test/support/backoffice.ts';
import { Visitor } from '../../../test/support/browser-session.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { loadConfig } from '../../config.ts';
import { newId } from '../../platform/db/ids.ts';
import { base32Decode, base32Encode } from './code.ts';
import { issueDocument, rotateKey, type DocumentContent } from './index.ts';
import { decide } from '../dossiers/index.ts';
import { sha256Hex } from './seal.ts';

let t: TestApp;
let own: string;
let other: string;
let procedureId: string;
let team: string;
let filed: Filed;

interface Filed {
  v: Visitor;
  id: string;
  reference: string;
}

/**
 * A filed criminal-record request, written as the submission writes it, with its applicant signed in. (Not
 * through the forms: that journey is the dossiers module's, and the fee step in front of it is another's.)
 */
async function fileDossier(name: string): Promise<Filed> {
  const applicant = await signedInStaff(t, { role: 'applicant', name });
  const revision = await t.ctx.db.selectFrom('procedure_revisions').select('id').where('procedure_id', '=', procedureId).orderBy('number', 'desc').executeTakeFirstOrThrow();
  const id = newId();
  const reference = `DOS-2026-${id.slice(-6)}`;
  await t.ctx.db
    .insertInto('dossiers')
    .values({ id, reference, procedure_id: procedureId, revision_id: revision.id, applicant_id: applicant.id, status: 'submitted', answers: JSON.stringify({}), submitted_at: new Date(), team_id: team, administration_id: own })
    .execute();
  return { v: applicant.v, id, reference };
}
let agent: Visitor;
let agentElsewhere: Visitor;
let managerElsewhere: Visitor;
let manager: Visitor;

before(async () => {
  t = await startTestApp({ seed: true });
  const adm = await administrationsOf(t, 'extrait-casier-judiciaire');
  own = adm.own;
  other = adm.other;
  procedureId = adm.procedureId;
  team = await makeTeam(t, own, 'Greffe');
  const strangers = await makeTeam(t, other, 'Ailleurs');
  await processProcedure(t, adm.procedureId, { defaultTeamId: team });
  filed = await fileDossier('Citoyen Moussa');
  agent = (await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [team] })).v;
  agentElsewhere = (await signedInStaff(t, { role: 'agent', administrationId: other, teamIds: [strangers] })).v;
  manager = (await signedInStaff(t, { role: 'manager', administrationId: own })).v;
  managerElsewhere = (await signedInStaff(t, { role: 'manager', administrationId: other })).v;
});
after(() => t.close());

const bulletin = (over: Partial<DocumentContent> = {}): DocumentContent => ({
  kind: 'bulletin-3',
  issuerAdministrationId: own,
  dossierId: filed.id,
  holder: { name: 'Aïcha Issoufou', birthDate: '1994-03-12' },
  title: 'Bulletin n°3 du casier judiciaire',
  lines: [{ heading: 'Condamnations' }, { paragraph: 'Néant' }],
  place: 'Niamey',
  signatory: 'Le greffier en chef du tribunal de grande instance de Niamey',
  ...over,
});

const verifyApi = (code: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { code }, headers: { 'x-forwarded-for': '10.55.0.1' } });
const page = (code: string) => new Visitor(t.app, { 'x-forwarded-for': '10.55.0.2' }).get(`/verifier?code=${encodeURIComponent(code)}`);

test('the applicant downloads a sealed receipt of submission, made once, that reads back with his dossier', async () => {
  const dossierPage = await filed.v.get(`/dossiers/${filed.id}`);
  assert.match(dossierPage.body, /Accusé de réception du dépôt/);
  const [first, again] = await Promise.all([filed.v.get(`/dossiers/${filed.id}/accuse-de-reception`), filed.v.get(`/dossiers/${filed.id}/accuse-de-reception`)]);
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['content-type'], 'application/pdf');
  assert.deepEqual(first.rawPayload, again.rawPayload, 'two first downloads at once give the same receipt');
  const rows = await t.ctx.db.selectFrom('documents').select(['reference', 'code']).where('dossier_id', '=', filed.id).where('kind', '=', 'submission-receipt').execute();
  assert.equal(rows.length, 1);
  const text = await pdfText(first.rawPayload);
  for (const expected of ['ACCUSÉ DE RÉCEPTION', filed.reference, rows[0]!.reference, 'Citoyen', 'Extrait', '/verifier']) assert.ok(text.includes(expected), `${expected} in ${text}`);
  // Someone else, or nobody, gets nothing.
  const stranger = new Visitor(t.app, { 'x-forwarded-for': '10.55.0.9' });
  assert.equal((await stranger.get(`/dossiers/${filed.id}/accuse-de-reception`)).statusCode, 303, 'anonymous: sign in first');
  const verdict = await verifyApi(rows[0]!.code);
  assert.equal(verdict.json().status, 'valid');
});

test('a document issued for the dossier is listed on its page, downloads, and its PDF carries the sealed content', async () => {
  const doc = await issueDocument(t.ctx, bulletin());
  const dossierPage = await filed.v.get(`/dossiers/${filed.id}`);
  assert.match(dossierPage.body, new RegExp(doc.reference));
  const res = await filed.v.get(`/dossiers/${filed.id}/documents/${doc.id}`);
  assert.equal(res.statusCode, 200);
  const text = await pdfText(res.rawPayload);
  for (const expected of ['BULLETIN N°3 DU CASIER JUDICIAIRE', doc.reference, 'Aïcha Issoufou', '12 mars 1994', 'Néant', 'Fait à Niamey', 'Le greffier en chef']) {
    assert.ok(text.includes(expected), `${expected} in ${text}`);
  }
  // The content the code's hash covers is recorded as signed (tools/verify-document.test.ts reads it from the PDF).
  const row = await t.ctx.db.selectFrom('documents').select(['content', 'content_hash']).where('id', '=', doc.id).executeTakeFirstOrThrow();
  assert.equal(sha256Hex(Buffer.from(canonical(row.content))), row.content_hash);
  // Another applicant cannot read it, even knowing both ids.
  const other = await fileDossier('Citoyen Voisin');
  assert.equal((await other.v.get(`/dossiers/${filed.id}/documents/${doc.id}`)).statusCode, 404);
  assert.equal((await other.v.get(`/dossiers/${other.id}/documents/${doc.id}`)).statusCode, 404);
});

/** The stored jsonb back to the canonical text (keys sorted), as signed. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

test('/verifier says VALID with the signed facts, and NOT VALID with a reason for every kind of bad code', async () => {
  const doc = await issueDocument(t.ctx, bulletin({ expiresAt: new Date('2027-03-01T00:00:00Z') }));
  const valid = await page(doc.code);
  assert.equal(valid.statusCode, 200);
  for (const expected of ['VALIDE', 'Aïcha Issoufou', doc.reference, '12 mars 1994', '1 mars 2027', 'Bulletin n°3 du casier judiciaire']) assert.ok(valid.body.includes(expected), expected);
  assert.doesNotMatch(valid.body, /NON VALIDE/);
  // The QR code's address lands on the same verdict.
  const scanned = await new Visitor(t.app, { 'x-forwarded-for': '10.55.0.3' }).get(`/V/${doc.code}`);
  assert.match(scanned.body, /VALIDE/);
  assert.match(scanned.body, /Aïcha Issoufou/);

  const bytes = base32Decode(doc.code);
  const flipped = Buffer.from(bytes);
  flipped[60]! ^= 0x04; // inside the holder's name
  const cases: Array<[string, RegExp]> = [
    ['n importe quoi !', /mal recopié/],
    [doc.code.slice(0, -12), /incomplet/],
    [base32Encode(flipped), /signature ne correspond pas/],
    ['%00<script>alert(1)</script>', /mal recopié/],
  ];
  for (const [code, reason] of cases) {
    const res = await page(code);
    assert.equal(res.statusCode, 200, code);
    assert.match(res.body, /NON VALIDE/, code);
    assert.match(res.body, reason, code);
    assert.doesNotMatch(res.body, /<script>alert/);
  }
  const empty = await new Visitor(t.app, { 'x-forwarded-for': '10.55.0.4' }).get('/verifier?code=');
  assert.match(empty.body, /Saisissez le code/);

  const api = await verifyApi(doc.code);
  assert.equal(api.statusCode, 200);
  const body = api.json();
  assert.equal(body.status, 'valid');
  assert.equal(body.facts.holder.name, 'Aïcha Issoufou');
  assert.equal(body.facts.holder.birthDate, '1994-03-12');
  assert.equal(body.facts.expiresOn, '2027-03-01');
  assert.equal(body.facts.reference, doc.reference);
  const bad = await verifyApi(base32Encode(flipped));
  assert.deepEqual([bad.statusCode, bad.json().status, bad.json().reason], [200, 'invalid', 'signature']);
  for (const weird of [42, null, { a: 1 }, 'é'.repeat(10_000)]) {
    const res = await verifyApi(weird);
    assert.ok(res.statusCode === 200 || res.statusCode === 400 || res.statusCode === 413, `${JSON.stringify(weird).slice(0, 20)}: ${res.statusCode}`);
  }
  const english = await t.app.inject({ method: 'POST', url: '/api/v1/verify?lang=en', payload: { code: 'garbage' }, headers: { 'x-forwarded-for': '10.55.0.5' } });
  assert.match(english.json().message, /copied wrongly/);
  const openapi = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
  assert.ok(openapi.paths['/api/v1/verify'].post, 'the API is described');
  assert.ok(openapi.components.schemas.Verification);
});

test('the keys are published; after a rotation old documents stay valid and new ones use the new key', async () => {
  const old = await issueDocument(t.ctx, bulletin());
  const before = (await t.app.inject({ url: '/.well-known/guichet-keys.json' })).json();
  const oldKey = before.keys.find((k: { administration: string; status: string }) => k.administration === own && k.status === 'active');
  assert.ok(oldKey, 'the issuing administration has an active key');
  assert.equal(oldKey.jwk.crv, 'Ed25519');
  assert.ok(before.administrations.some((a: { id: string; name: string }) => a.id === own && a.name));

  const rotated = await rotateKey(t.ctx.db, t.config.documentsMasterKey, own);
  assert.equal(rotated.retired, oldKey.kid);
  const fresh = await issueDocument(t.ctx, bulletin());
  const after = (await t.app.inject({ url: '/.well-known/guichet-keys.json' })).json();
  const mine = after.keys.filter((k: { administration: string }) => k.administration === own);
  const retired = mine.find((k: { kid: string }) => k.kid === oldKey.kid);
  assert.equal(retired.status, 'retired');
  assert.ok(retired.validUntil, 'a retired key says until when it signed');
  assert.ok(mine.some((k: { kid: string; status: string }) => k.kid === rotated.id && k.status === 'active'));

  assert.equal((await verifyApi(old.code)).json().status, 'valid', 'sealed before the rotation: still valid');
  const now = (await verifyApi(fresh.code)).json();
  assert.equal(now.status, 'valid');
  assert.equal(now.facts.issuer.keyId, rotated.id);
});

test('documents sealed while the key rotates all verify: none is dated after its key\'s retirement', async () => {
  const work = [
    ...Array.from({ length: 6 }, () => issueDocument(t.ctx, bulletin({ dossierId: null }))),
    rotateKey(t.ctx.db, t.config.documentsMasterKey, own),
    ...Array.from({ length: 6 }, () => issueDocument(t.ctx, bulletin({ dossierId: null }))),
  ];
  const results = await Promise.all(work);
  for (const r of results) {
    if (!('code' in r)) continue;
    const verdict = (await verifyApi(r.code)).json();
    assert.equal(verdict.status, 'valid', `${r.reference}: ${verdict.reason}`);
  }
});

test('revocation: refused outside the scope (nothing changes), done by the dossier\'s agent with a reason, shown as REVOKED', async () => {
  const doc = await issueDocument(t.ctx, bulletin());
  const url = `/agent/documents/${doc.id}/revocation`;
  for (const outsider of [agentElsewhere, managerElsewhere]) {
    assert.equal((await outsider.get(url)).statusCode, 404);
    await outsider.get('/agent');
    assert.equal((await outsider.post(url, { reason: 'Fraude' })).statusCode, 404);
  }
  const untouched = await t.ctx.db.selectFrom('documents').select('revoked_at').where('id', '=', doc.id).executeTakeFirstOrThrow();
  assert.equal(untouched.revoked_at, null, 'refused requests changed nothing');
  assert.equal((await verifyApi(doc.code)).json().status, 'valid');

  const form = await agent.get(url);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(doc.reference));
  const noReason = await agent.post(url, { reason: ' ' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Indiquez un motif/);
  const done = await agent.post(url, { reason: 'Délivré par erreur' });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, `/agent/dossiers/${filed.id}/documents?fait=revoked`);

  const shown = await page(doc.code);
  assert.match(shown.body, /RÉVOQUÉ/);
  assert.match(shown.body, /Délivré par erreur/);
  const api = (await verifyApi(doc.code)).json();
  assert.equal(api.status, 'revoked');
  assert.ok(api.revokedAt);
  const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', doc.id).where('action', '=', 'document.revoke').execute();
  assert.equal(audit.length, 1, 'the revocation is in the audit log');
  const list = (await t.app.inject({ url: '/.well-known/guichet-revocations.json' })).json();
  assert.ok(list.revoked.some((r: { reference: string }) => r.reference === doc.reference));

  // The manager of the issuing administration may revoke too (a document without a dossier, here).
  const loose = await issueDocument(t.ctx, bulletin({ dossierId: null }));
  await manager.get(`/agent/documents/${loose.id}/revocation`);
  assert.equal((await manager.post(`/agent/documents/${loose.id}/revocation`, { reason: 'Erreur de saisie' })).statusCode, 200);
  assert.equal((await verifyApi(loose.code)).json().status, 'revoked');
  // ... but not the dossier's agent, since that document is in no dossier of his.
  const loose2 = await issueDocument(t.ctx, bulletin({ dossierId: null }));
  assert.equal((await agent.get(`/agent/documents/${loose2.id}/revocation`)).statusCode, 404);
});

test('the agent previews the decision letter, unsealed; agents outside the scope get a 404', async () => {
  const res = await agent.get(`/agent/dossiers/${filed.id}/apercu-document?decision=refuse`);
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/pdf');
  const text = await pdfText(res.rawPayload);
  for (const expected of ['DÉCISION DE REFUS', 'APERÇU', filed.reference, 'est refusée']) assert.ok(text.includes(expected), `${expected} in ${text}`);
  assert.doesNotMatch(text, /Document scellé/);
  assert.equal((await agentElsewhere.get(`/agent/dossiers/${filed.id}/apercu-document`)).statusCode, 404);
  const list = await agent.get(`/agent/dossiers/${filed.id}/documents`);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Aperçu de la décision de refus/);
  assert.equal((await agentElsewhere.get(`/agent/dossiers/${filed.id}/documents`)).statusCode, 404);
  const dossierPage = await agent.get(`/agent/dossiers/${filed.id}`);
  assert.match(dossierPage.body, /Aperçu du document/);
});

test('a name outside the fonts\' alphabet still renders; production refuses to start without a master key', async () => {
  const doc = await issueDocument(t.ctx, bulletin({ holder: { name: 'Ɗanjuma Ŋgom 李 😀 Ƙarƙara' }, lines: [{ table: { head: ['Date', 'Juridiction'], rows: [['—', '“Tribunal” de Zinder']] } }] }));
  const text = await pdfText(doc.pdf);
  assert.match(text, /Danjuma Ngom/);
  assert.equal((await verifyApi(doc.code)).json().facts.holder.name, 'Ɗanjuma Ŋgom 李 😀 Ƙarƙara', 'the code keeps the name as given');
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /DOCUMENTS_MASTER_KEY/);
  assert.throws(() => loadConfig({ NODE_ENV: 'production', DOCUMENTS_MASTER_KEY: 'trop court' }), /DOCUMENTS_MASTER_KEY/);
  assert.equal(loadConfig({ NODE_ENV: 'production', DOCUMENTS_MASTER_KEY: 'ab'.repeat(32) }).documentsMasterKeyIsDev, false);
});

test('verification is rate-limited per address, with a clear answer and never a server error', async () => {
  const ask = () => t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { code: 'ABC' }, headers: { 'x-forwarded-for': '10.56.0.1' } });
  const statuses: number[] = [];
  for (let i = 0; i < 121; i++) statuses.push((await ask()).statusCode);
  assert.equal(statuses.filter((s) => s === 200).length, 120);
  const refused = await ask();
  assert.equal(refused.statusCode, 429);
  assert.ok(refused.json().error.message);
  // Someone else, elsewhere, is not held back.
  const other = await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: { code: 'ABC' }, headers: { 'x-forwarded-for': '10.56.0.2' } });
  assert.equal(other.statusCode, 200);
});

test('a decided dossier gives its applicant the sealed letter of the decision, with the motivation; a new decision, a new letter', async () => {
  const dossier = await fileDossier('Citoyenne Refusée');
  const letterUrl = `/dossiers/${dossier.id}/lettre-de-decision`;
  assert.equal((await dossier.v.get(letterUrl)).statusCode, 404, 'not decided yet: no letter');
  assert.doesNotMatch((await dossier.v.get(`/dossiers/${dossier.id}`)).body, /Lettre de décision/);

  const version = async () => (await t.ctx.db.selectFrom('dossiers').select('version').where('id', '=', dossier.id).executeTakeFirstOrThrow()).version;
  const env = { db: t.ctx.db, config: t.config };
  assert.equal((await decide(env, { dossierId: dossier.id, action: 'refuse', motivation: 'Pièce d’identité illisible', version: await version(), agentId: null, now: new Date() })).ok, true);
  assert.match((await dossier.v.get(`/dossiers/${dossier.id}`)).body, /Lettre de décision/);
  const [first, again] = await Promise.all([dossier.v.get(letterUrl), dossier.v.get(letterUrl)]);
  assert.equal(first.statusCode, 200);
  assert.deepEqual(first.rawPayload, again.rawPayload, 'one letter per decision, even asked twice at once');
  const text = await pdfText(first.rawPayload);
  for (const expected of ['DÉCISION DE REFUS', dossier.reference, 'est refusée', 'Pièce d’identité illisible', 'Citoyenne Refusée']) assert.ok(text.includes(expected), `${expected} in ${text}`);
  assert.match(text, /Démarche :\s+Extrait de casier/, 'a label stays on its line');
  const refusal = await t.ctx.db.selectFrom('documents').select('code').where('dossier_id', '=', dossier.id).where('kind', '=', 'refusal').executeTakeFirstOrThrow();
  assert.equal((await verifyApi(refusal.code)).json().status, 'valid');
  // Someone else's applicant gets nothing.
  const stranger = await fileDossier('Citoyen Curieux');
  assert.equal((await stranger.v.get(letterUrl)).statusCode, 404);

  // Reopened and accepted: the letter now is the acceptance.
  assert.equal((await decide(env, { dossierId: dossier.id, action: 'reopen', motivation: '', version: await version(), agentId: null, now: new Date() })).ok, true);
  assert.equal((await dossier.v.get(letterUrl)).statusCode, 404, 'in review again: no letter');
  assert.equal((await decide(env, { dossierId: dossier.id, action: 'accept', motivation: '', version: await version(), agentId: null, now: new Date() })).ok, true);
  const accepted = await pdfText((await dossier.v.get(letterUrl)).rawPayload);
  assert.match(accepted, /DÉCISION D'ACCEPTATION/);
  assert.match(accepted, /est acceptée/);
});

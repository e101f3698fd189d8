// « Accepté, payez pour recevoir » (decision 0017): a form declaring `feeOnAcceptance` has its accepted
// dossier's documents withheld from the applicant until the provider's verified notification confirms the
// payment, with the same payment page, attempts, receipt and duplicate handling as the fee of a submission.
// Over HTTP, as the applicant's browser, the agent's and the operator's server play it. PGlite and PostgreSQL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { location } from '../../../test/support/applicant.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { newId } from '../../platform/db/ids.ts';
import { runDueJobs } from '../../platform/jobs/outbox.ts';
import { decide } from '../dossiers/index.ts';
import { applicantDocumentPath, decisionLetterPath, issueDocument } from '../documents/index.ts';
import { paymentsEnvOf } from './env.ts';
import type { PaymentsEnv } from './service.ts';
import { SANDBOX_CALLBACK_JOB, sandboxCallbackJob } from './providers/sandbox.ts';

let t: TestApp;
let env: PaymentsEnv;
let own: string;
let procedureId: string;
let team: string;
let withFee: string;
let agent: Visitor;

const NOTIFY = '/api/v1/payments/notify/sandbox';

before(async () => {
  t = await startTestApp({ seed: true });
  env = paymentsEnvOf(t.ctx);
  const adm = await administrationsOf(t, 'extrait-casier-judiciaire');
  own = adm.own;
  procedureId = adm.procedureId;
  team = await makeTeam(t, own, 'Greffe');
  await processProcedure(t, procedureId, { defaultTeamId: team });
  // A revision of its own for these dossiers (the published one, and its cache, stay as they are): no fee at
  // submission, 1 500 FCFA once accepted.
  const published = await t.ctx.db.selectFrom('procedure_revisions').select(['definition']).where('procedure_id', '=', procedureId).where('status', '=', 'published').executeTakeFirstOrThrow();
  const { fee: _fee, ...free } = published.definition as Record<string, unknown>;
  withFee = newId();
  const definition = { ...free, feeOnAcceptance: { label: { fr: 'Frais de délivrance du bulletin' }, amount: 1500 } };
  await t.ctx.db.insertInto('procedure_revisions').values({ id: withFee, procedure_id: procedureId, number: 900, status: 'superseded', definition: JSON.stringify(definition) }).execute();
  agent = (await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [team] })).v;
});
after(() => t.close());

/** A filed request on that revision (as the submission writes it), its applicant signed in. */
async function filed(name: string, revisionId = withFee): Promise<{ v: Visitor; id: string }> {
  const applicant = await signedInStaff(t, { role: 'applicant', name });
  const id = newId();
  await t.ctx.db
    .insertInto('dossiers')
    .values({ id, reference: `DOS-2026-${id.slice(-6)}`, procedure_id: procedureId, revision_id: revisionId, applicant_id: applicant.id, status: 'submitted', answers: JSON.stringify({}), submitted_at: new Date(), team_id: team, administration_id: own })
    .execute();
  return { v: applicant.v, id };
}

async function decideAs(id: string, action: 'accept' | 'refuse') {
  const { version } = await t.ctx.db.selectFrom('dossiers').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  const result = await decide(t.ctx, { dossierId: id, action, motivation: action === 'refuse' ? 'Pièce manquante.' : '', version, agentId: null, now: new Date() });
  assert.ok(result.ok);
}

/** The registry's deliverable, issued for the dossier once accepted. */
async function deliverable(id: string) {
  return issueDocument(t.ctx, {
    kind: 'bulletin-3',
    issuerAdministrationId: own,
    dossierId: id,
    holder: { name: 'Aïchatou Moussa' },
    title: 'Bulletin n° 3 du casier judiciaire',
    lines: [{ label: 'Mention', value: 'Néant' }],
    place: 'Niamey',
    signatory: 'Le greffier en chef',
  });
}

const inject = async (url: string, body: string, headers: Record<string, string>) =>
  (await t.app.inject({ method: 'POST', url: new URL(url, 'http://x').pathname, payload: body, headers })).statusCode;
const runOperator = () => runDueJobs(t.ctx.db, { [SANDBOX_CALLBACK_JOB]: sandboxCallbackJob(env.providers.sandbox!, inject) }, 100);
const due = (id: string) => t.ctx.db.selectFrom('acceptance_dues').selectAll().where('dossier_id', '=', id).executeTakeFirst();
const paymentsOf = (id: string) => t.ctx.db.selectFrom('payments').selectAll().where('dossier_id', '=', id).orderBy('created_at').orderBy('id').execute();

async function startPaying(v: Visitor, id: string, phone: string) {
  const page = await v.get(`/dossiers/${id}/paiement`);
  assert.equal(page.statusCode, 200);
  const operator = /name="operateur" value="([a-z]+)"/.exec(page.body)?.[1];
  const res = await v.post(`/dossiers/${id}/paiement`, { operateur: operator!, telephone: phone });
  assert.equal(location(res), `/dossiers/${id}/paiement`, res.body.slice(0, 300));
}

test('accepted with a fee on acceptance: documents withheld until the provider confirms; a forged notification changes nothing; then paid, released, with a receipt', async () => {
  const { v, id } = await filed('Aïchatou Moussa');
  const before = await v.get(`/dossiers/${id}`);
  assert.ok(!before.body.includes('Payer pour recevoir le document'), 'nothing is asked before the decision');
  await decideAs(id, 'accept');

  // The applicant is asked to pay; the deliverables' addresses lead to the payment page.
  const page = await v.get(`/dossiers/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Payer pour recevoir le document/);
  assert.match(page.body, /1\u00a0500\u00a0FCFA/);
  assert.ok(page.body.includes(`href="/dossiers/${id}/paiement"`));
  assert.ok(!page.body.includes(decisionLetterPath(id)), 'no link to what is withheld');
  const withheld = await v.get(decisionLetterPath(id));
  assert.equal(withheld.statusCode, 303);
  assert.equal(location(withheld), `/dossiers/${id}/paiement`);
  assert.equal(await t.ctx.db.selectFrom('documents').select('id').where('dossier_id', '=', id).executeTakeFirst(), undefined, 'the letter is not even made');
  const agentPage = await agent.get(`/agent/dossiers/${id}`);
  assert.equal(agentPage.statusCode, 200);
  assert.match(agentPage.body, /en attente de paiement/);

  // The same payment page: amount, what it is for, the operators.
  const pay = await v.get(`/dossiers/${id}/paiement`);
  assert.equal(pay.statusCode, 200);
  assert.match(pay.body, /est acceptée/);
  assert.match(pay.body, /Frais de délivrance du bulletin/);
  await startPaying(v, id, '90 12 34 56');
  const [p] = await paymentsOf(id);
  assert.equal(p!.purpose, 'acceptance');
  assert.equal(p!.amount_expected, 1500);
  assert.equal(p!.status, 'pending');

  // A forged notification: refused, stored, nothing moves.
  const forgedBody = JSON.stringify({ event_id: `${p!.provider_ref}:succeeded`, transaction_id: p!.id, provider_ref: p!.provider_ref, status: 'SUCCESS', amount: 1500, currency: 'XOF' });
  const forged = await t.app.inject({ method: 'POST', url: NOTIFY, payload: forgedBody, headers: { 'content-type': 'application/json', 'x-sandbox-signature': 'f'.repeat(64) } });
  assert.equal(forged.statusCode, 401);
  assert.equal((await due(id))!.paid_at, null);
  assert.equal((await paymentsOf(id))[0]!.status, 'pending');
  assert.equal(location(await v.get(decisionLetterPath(id))), `/dossiers/${id}/paiement`, 'still withheld');

  // The operator's signed notification: paid, released, receipt issued, audited.
  // (The outbox also holds the applicant's notice of the decision: the count says nothing.)
  await runOperator();
  const [paid] = await paymentsOf(id);
  assert.equal(paid!.status, 'succeeded');
  assert.equal(paid!.amount_confirmed, 1500);
  assert.ok(paid!.receipt_document_id);
  const settled = await due(id);
  assert.ok(settled!.paid_at);
  assert.equal(settled!.payment_id, paid!.id);
  const dossier = await t.ctx.db.selectFrom('dossiers').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(dossier.status, 'accepted', 'the decision stays as it was');

  const letter = await v.get(decisionLetterPath(id));
  assert.equal(letter.statusCode, 200);
  assert.equal(letter.headers['content-type'], 'application/pdf');
  const receipt = await v.get(applicantDocumentPath(id, paid!.receipt_document_id!));
  assert.equal(receipt.statusCode, 200);
  const text = await pdfText(receipt.rawPayload);
  assert.match(text, /REÇU DE PAIEMENT/);
  assert.match(text, /1\s500 FCFA/);
  const after = await v.get(`/dossiers/${id}`);
  assert.ok(!after.body.includes('Payer pour recevoir le document'));
  assert.ok(after.body.includes(decisionLetterPath(id)));
  assert.equal(location(await v.get(`/dossiers/${id}/paiement`)), `/dossiers/${id}`, 'nothing more to pay');
  assert.match((await agent.get(`/agent/dossiers/${id}`)).body, /Frais à l'acceptation \(1\u00a0500\u00a0FCFA\) : payé/);
  const audit = await t.ctx.db.selectFrom('audit_log').select(['action']).where('subject_id', '=', paid!.id).execute();
  assert.deepEqual(audit.map((a) => a.action), ['payment.confirmed']);

  // The same notification delivered again changes nothing (one receipt).
  const again = JSON.stringify({ event_id: `${paid!.provider_ref}:succeeded`, transaction_id: paid!.id, provider_ref: paid!.provider_ref, status: 'SUCCESS', amount: 1500, currency: 'XOF' });
  const replay = await t.app.inject({ method: 'POST', url: NOTIFY, payload: again, headers: { 'content-type': 'application/json', 'x-sandbox-signature': env.providers.sandbox!.sign(again) } });
  assert.equal(replay.statusCode, 200);
  assert.equal((await paymentsOf(id))[0]!.status, 'succeeded');
  const receipts = await t.ctx.db.selectFrom('documents').select('id').where('dossier_id', '=', id).where('kind', '=', 'payment-receipt').execute();
  assert.equal(receipts.length, 1);
});

test('a registry deliverable is withheld the same way; paid twice (two numbers): released once, the second money flagged for a refund', async () => {
  const { v, id } = await filed('Ibrahim Sani');
  await decideAs(id, 'accept');
  const doc = await deliverable(id);
  const page = await v.get(`/dossiers/${id}`);
  assert.match(page.body, /Payer pour recevoir le document/);
  assert.ok(!page.body.includes(applicantDocumentPath(id, doc.id)));
  const withheld = await v.get(applicantDocumentPath(id, doc.id));
  assert.equal(withheld.statusCode, 303);
  assert.equal(location(withheld), `/dossiers/${id}/paiement`);
  await startPaying(v, id, '90 12 34 56');
  await startPaying(v, id, '91 12 34 57');
  await runOperator();
  const [first, second] = await paymentsOf(id);
  const flags = [first!, second!].map((p) => `${p.status}:${p.flag ?? ''}`).sort();
  assert.deepEqual(flags, ['succeeded:', 'succeeded:duplicate']);
  const receipts = await t.ctx.db.selectFrom('documents').select('id').where('dossier_id', '=', id).where('kind', '=', 'payment-receipt').execute();
  assert.equal(receipts.length, 1);
  const bulletin = await v.get(applicantDocumentPath(id, doc.id));
  assert.equal(bulletin.statusCode, 200);
  assert.equal(bulletin.headers['content-type'], 'application/pdf');
  assert.ok((await v.get(`/dossiers/${id}`)).body.includes(applicantDocumentPath(id, doc.id)));
});

test('the fee is asked on acceptance only: a refused dossier gets its letter; a procedure without it is unchanged', async () => {
  const refused = await filed('Moussa Garba');
  await decideAs(refused.id, 'refuse');
  const letter = await refused.v.get(decisionLetterPath(refused.id));
  assert.equal(letter.statusCode, 200);
  assert.equal(await due(refused.id), undefined, 'nothing owed');
  assert.equal((await refused.v.get(`/dossiers/${refused.id}/paiement`)).statusCode, 404);

  // The published form (no fee on acceptance): accepted, the letter at once, no row written.
  const published = await t.ctx.db.selectFrom('procedure_revisions').select('id').where('procedure_id', '=', procedureId).where('status', '=', 'published').executeTakeFirstOrThrow();
  const free = await filed('Hadiza Issa', published.id);
  await decideAs(free.id, 'accept');
  const page = await free.v.get(`/dossiers/${free.id}`);
  assert.ok(!page.body.includes('Payer pour recevoir le document'));
  assert.equal((await free.v.get(decisionLetterPath(free.id))).statusCode, 200);
  assert.equal(await due(free.id), undefined);
  assert.ok(!(await agent.get(`/agent/dossiers/${free.id}`)).body.includes('paiement'), 'the agent sees no payment state');
});

test('another applicant cannot open or pay someone else’s fee on acceptance', async () => {
  const { id } = await filed('Zeinab Ali');
  await decideAs(id, 'accept');
  const stranger = await filed('Autre Personne');
  assert.equal((await stranger.v.get(`/dossiers/${id}/paiement`)).statusCode, 404);
  const res = await stranger.v.post(`/dossiers/${id}/paiement`, { operateur: 'airtel', telephone: '90 12 34 56' });
  assert.equal(res.statusCode, 404);
  assert.equal((await paymentsOf(id)).length, 0);
});

// The managers' payments page: money received per procedure and day, sums flagged for a refund, and the
// refund recorded with a reason and audited. Agents, other administrations' managers and bad input change
// nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { importAllPacks } from '../../seed.ts';
import { fileCasier, fillCasier, location, newApplicant, startCasier, submitKeyOf } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { runDueJobs } from '../../platform/jobs/outbox.ts';
import { paymentsEnvOf } from './env.ts';
import { SANDBOX_CALLBACK_JOB, sandboxCallbackJob } from './providers/sandbox.ts';

let t: TestApp;
let manager: Visitor;
let managerElsewhere: Visitor;
let agent: Visitor;
let flaggedId: string;
let flaggedReference: string;

before(async () => {
  // The catalog is all these tests need (the criminal record request and its administration).
  t = await startTestApp();
  await importAllPacks(t.ctx.db);
  const { own, other } = await administrationsOf(t, 'extrait-casier-judiciaire');
  manager = (await signedInStaff(t, { role: 'manager', administrationId: own })).v;
  managerElsewhere = (await signedInStaff(t, { role: 'manager', administrationId: other })).v;
  agent = (await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [await makeTeam(t, own, 'Greffe')] })).v;
  await fileCasier(t); // one fee paid
  // One paid with 100 FCFA less (the sandbox's …05 number): flagged.
  const v = await newApplicant(t);
  const id = await startCasier(v);
  await fillCasier(v, id);
  assert.equal(location(await v.post(`/dossiers/${id}/depot`, { cle: await submitKeyOf(v, id) })), `/dossiers/${id}/paiement`);
  await v.get(`/dossiers/${id}/paiement`);
  await v.post(`/dossiers/${id}/paiement`, { operateur: 'moov', telephone: '90 12 34 05' });
  const deliver = async (url: string, body: string, headers: Record<string, string>) =>
    (await t.app.inject({ method: 'POST', url: new URL(url).pathname, payload: body, headers })).statusCode;
  await runDueJobs(t.ctx.db, { [SANDBOX_CALLBACK_JOB]: sandboxCallbackJob(paymentsEnvOf(t.ctx).providers.sandbox!, deliver) });
  const p = await t.ctx.db.selectFrom('payments').innerJoin('dossiers', 'dossiers.id', 'payments.dossier_id').select(['payments.id', 'payments.flag', 'dossiers.reference']).where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(p.flag, 'amount-mismatch');
  flaggedId = p.id;
  flaggedReference = p.reference!;
});
after(() => t.close());

test('a manager sees the money received per procedure and day, and the sums to refund', async () => {
  assert.ok((await manager.get('/agent')).body.includes('href="/agent/paiements"'), 'the inbox leads there');
  assert.ok(!(await agent.get('/agent')).body.includes('href="/agent/paiements"'), 'not for agents');
  const page = await manager.get('/agent/paiements');
  assert.equal(page.statusCode, 200);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.timeZone }).format(new Date());
  assert.match(page.body, new RegExp(`<td>${today}</td><td>Extrait de casier judiciaire[^<]*</td><td>1</td><td>1\u00a0000\u00a0FCFA</td>`));
  assert.ok(page.body.includes(flaggedReference), 'the flagged payment');
  assert.match(page.body, /Montant différent/);
  assert.match(page.body, /900\u00a0FCFA/);
});

test('agents and other administrations’ managers see none of it and refund nothing', async () => {
  assert.equal((await agent.get('/agent/paiements')).statusCode, 403);
  const elsewhere = await managerElsewhere.get('/agent/paiements');
  assert.equal(elsewhere.statusCode, 200);
  assert.ok(!elsewhere.body.includes(flaggedReference));
  assert.equal((await managerElsewhere.post(`/agent/paiements/${flaggedId}/remboursement`, { [`raison-${flaggedId}`]: 'remboursé' })).statusCode, 404);
  await agent.get('/agent');
  assert.equal((await agent.post(`/agent/paiements/${flaggedId}/remboursement`, { [`raison-${flaggedId}`]: 'remboursé' })).statusCode, 403);
  assert.equal((await t.ctx.db.selectFrom('payments').select('status').where('id', '=', flaggedId).executeTakeFirstOrThrow()).status, 'failed');
});

test('a refund needs a reason; recorded once, audited with it', async () => {
  await manager.get('/agent/paiements');
  let res = await manager.post(`/agent/paiements/${flaggedId}/remboursement`, { [`raison-${flaggedId}`]: ' ' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Écrivez le motif du remboursement/);
  const reason = 'Remboursé par Moov Money le 28/11, opération 4471';
  res = await manager.post(`/agent/paiements/${flaggedId}/remboursement`, { [`raison-${flaggedId}`]: reason });
  assert.equal(location(res), '/agent/paiements?rembourse=1');
  const p = await t.ctx.db.selectFrom('payments').selectAll().where('id', '=', flaggedId).executeTakeFirstOrThrow();
  assert.equal(p.status, 'refunded');
  assert.equal(p.refund_reason, reason);
  assert.ok(p.refunded_at && p.refunded_by);
  const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('subject_id', '=', flaggedId).where('action', '=', 'payment.refunded').execute();
  assert.equal(audit.length, 1);
  assert.equal((audit[0]!.details as { reason: string }).reason, reason);
  const page = await manager.get('/agent/paiements?rembourse=1');
  assert.match(page.body, /Le remboursement est enregistré/);
  assert.ok(page.body.includes(reason));
  res = await manager.post(`/agent/paiements/${flaggedId}/remboursement`, { [`raison-${flaggedId}`]: reason });
  assert.equal(res.statusCode, 409, 'not twice');
  assert.equal((await t.ctx.db.selectFrom('audit_log').select('seq').where('subject_id', '=', flaggedId).where('action', '=', 'payment.refunded').execute()).length, 1);
});

test('reconciliation: the statement’s paid line we still wait for is asked again and settled; differences are listed; audited', async () => {
  // A payment whose notification never arrived: the operator took the money, we still wait.
  const v = await newApplicant(t);
  const id = await startCasier(v);
  await fillCasier(v, id);
  await v.post(`/dossiers/${id}/depot`, { cle: await submitKeyOf(v, id) });
  await v.get(`/dossiers/${id}/paiement`);
  await v.post(`/dossiers/${id}/paiement`, { operateur: 'airtel', telephone: '90 55 66 77' });
  const lost = await t.ctx.db.selectFrom('payments').select(['id', 'status']).where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(lost.status, 'pending');
  const paid = await t.ctx.db.selectFrom('payments').select('id').where('status', '=', 'succeeded').where('flag', 'is', null).executeTakeFirstOrThrow();

  const csv = [
    'transaction_id;montant;statut;date',
    `${paid.id};1 000;ACCEPTED;2026-11-28 10:00`,
    `${lost.id};1000;ACCEPTED;2026-11-28 10:05`,
    `"${flaggedId}";900;ACCEPTED;2026-11-28 10:06`,
    'INCONNU-42;500;ACCEPTED;2026-11-28 10:07',
  ].join('\r\n');
  await manager.get('/agent/paiements');
  const res = await manager.postMultipart('/agent/paiements/rapprochement', {}, { releve: { name: 'releve.csv', data: Buffer.from(`\uFEFF${csv}`), type: 'text/csv' } });
  assert.equal(res.statusCode, 200, res.body.slice(0, 500));
  assert.match(res.body, /4 lignes lues ; 2 paiements concordants pour 1\u00a0900\u00a0FCFA/);
  assert.match(res.body, /Réglés maintenant, après nouvelle demande à l'opérateur/);
  assert.ok(res.body.includes(lost.id));
  assert.match(res.body, /Lignes inconnues de votre administration[\s\S]*5 : INCONNU-42/);
  assert.equal((await t.ctx.db.selectFrom('payments').select('status').where('id', '=', lost.id).executeTakeFirstOrThrow()).status, 'succeeded');
  assert.equal((await t.ctx.db.selectFrom('dossiers').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, 'submitted');
  const audit = await t.ctx.db.selectFrom('audit_log').select(['details']).where('action', '=', 'payment.reconciled').execute();
  assert.equal(audit.length, 1);
  assert.deepEqual(audit[0]!.details, { lines: 4, matched: 2, recovered: 1, amountDiffers: 0, notSettled: 0, notPaidThere: 0, unknown: 1 });

  // A statement without the columns it needs, or an unreadable amount: said, nothing done.
  await manager.get('/agent/paiements');
  const bad = await manager.postMultipart('/agent/paiements/rapprochement', {}, { releve: { name: 'r.csv', data: Buffer.from('a;b\n1;2\n') } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Colonnes introuvables/);
  await manager.get('/agent/paiements');
  const amount = await manager.postMultipart('/agent/paiements/rapprochement', {}, { releve: { name: 'r.csv', data: Buffer.from(`transaction_id,amount\n${paid.id},dix\n`) } });
  assert.equal(amount.statusCode, 400);
  assert.match(amount.body, /Montant illisible à la ligne 2/);
  assert.equal((await t.ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'payment.reconciled').execute()).length, 1);
  // Agents do not reconcile.
  await agent.get('/agent');
  assert.equal((await agent.postMultipart('/agent/paiements/rapprochement', {}, { releve: { name: 'r.csv', data: Buffer.from(csv) } })).statusCode, 403);
});

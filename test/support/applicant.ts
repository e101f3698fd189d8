// An applicant as HTTP tests play one: signs up by e-mail, then files Niger's criminal record request page
// by page (files included) and submits it, as a browser without JavaScript does.
import assert from 'node:assert/strict';
import type { TestApp } from './app.ts';
import { Visitor } from './browser-session.ts';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

let applicants = 0;
export async function newApplicant(t: TestApp): Promise<Visitor> {
  const n = ++applicants;
  const v = new Visitor(t.app, { 'x-forwarded-for': `10.2.0.${n}` });
  await v.get('/inscription');
  const res = await v.post('/inscription/email', { email: `citoyen${n}@exemple.ne`, ename: `Citoyen ${n}`, password: 'un mot de passe solide 2026' });
  assert.equal(res.statusCode, 303, 'the applicant signs up');
  return v;
}

export const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');

/** Starts the criminal record request and returns the draft's id. */
export async function startCasier(v: Visitor): Promise<string> {
  await v.get('/demarches/extrait-casier-judiciaire/en-ligne');
  const res = await v.post('/demarches/extrait-casier-judiciaire/en-ligne', {});
  assert.equal(res.statusCode, 303);
  const id = /\/dossiers\/([0-9A-Z]{26})\/pages\/identite$/.exec(location(res))?.[1];
  assert.ok(id, `the first page follows: ${location(res)}`);
  return id;
}

export const IDENTITY = {
  nom: 'Issoufou',
  prenoms: 'Aïcha',
  sexe: 'f',
  date_naissance: '12/03/1994',
  lieu_naissance: 'Tahoua',
  ne_au_niger: 'yes',
  nom_pere: 'Issoufou Moussa',
  nom_mere: 'Mariama Hamani',
};

/** Answers every page of the request correctly; returns the last response (the redirect to the review). */
export async function fillCasier(v: Visitor, id: string) {
  await v.get(`/dossiers/${id}/pages/identite`);
  let res = await v.post(`/dossiers/${id}/pages/identite`, IDENTITY);
  assert.equal(location(res), `/dossiers/${id}/pages/piece`);
  await v.get(`/dossiers/${id}/pages/piece`);
  res = await v.postMultipart(
    `/dossiers/${id}/pages/piece`,
    { 'piece_identite.kind': 'cni', 'piece_identite.number': 'NE 123 456 78' },
    { piece_identite: { name: 'carte.png', data: PNG }, acte_naissance: { name: 'acte de naissance.pdf', data: PDF } },
  );
  assert.equal(location(res), `/dossiers/${id}/pages/contact`, res.body.slice(0, 2000));
  await v.get(`/dossiers/${id}/pages/contact`);
  res = await v.post(`/dossiers/${id}/pages/contact`, { telephone: '90 12 34 56', usage: 'emploi' });
  assert.equal(location(res), `/dossiers/${id}/pages/engagement`);
  await v.get(`/dossiers/${id}/pages/engagement`);
  res = await v.post(`/dossiers/${id}/pages/engagement`, { certifie: 'on' });
  assert.equal(location(res), `/dossiers/${id}/recapitulatif`);
  return res;
}

export async function submitKeyOf(v: Visitor, id: string): Promise<string> {
  const review = await v.get(`/dossiers/${id}/recapitulatif`);
  assert.equal(review.statusCode, 200);
  const key = /name="cle" value="([^"]+)"/.exec(review.body)?.[1];
  assert.ok(key, 'the review page carries a submit key');
  return key;
}

/** A new applicant files the request; returns the dossier's id and reference, and the applicant. */
export async function fileCasier(t: TestApp): Promise<{ v: Visitor; id: string; reference: string }> {
  const v = await newApplicant(t);
  const id = await startCasier(v);
  await fillCasier(v, id);
  const res = await v.post(`/dossiers/${id}/depot`, { cle: await submitKeyOf(v, id) });
  // The request has a fee (decision 0017): it is filed once paid, here with the sandbox operator.
  if (location(res) === `/dossiers/${id}/paiement`) await payWithSandbox(v, id);
  else assert.equal(location(res), `/dossiers/${id}?depose=1`);
  const row = await t.ctx.db.selectFrom('dossiers').select(['reference', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'submitted', 'the dossier is filed');
  return { v, id, reference: row.reference! };
}

/**
 * Pays a dossier's fee with the sandbox provider (which answers at once in tests) and asks it where the
 * payment stands, as the "Vérifier à nouveau" button does: the dossier is then filed.
 */
export async function payWithSandbox(v: Visitor, id: string, phone = '90 12 34 56'): Promise<void> {
  const page = await v.get(`/dossiers/${id}/paiement`);
  assert.equal(page.statusCode, 200, 'the payment page');
  const operator = /name="operateur" value="([a-z]+)"/.exec(page.body)?.[1];
  assert.ok(operator, 'the payment page offers an operator');
  let res = await v.post(`/dossiers/${id}/paiement`, { operateur: operator, telephone: phone });
  assert.equal(location(res), `/dossiers/${id}/paiement`, res.body.slice(0, 500));
  await v.get(`/dossiers/${id}/paiement`);
  res = await v.post(`/dossiers/${id}/paiement/verifier`, {});
  assert.equal(location(res), `/dossiers/${id}/paiement`);
}

/**
 * Takes the fee off a procedure's published form, for tests of the free submission (the hot path, filed at
 * once). Call it before the form is first read: published revisions are cached in memory once read.
 */
export async function withoutFee(t: TestApp, slug: string): Promise<void> {
  // Every country's procedure of that name (a slug is unique per country).
  const rows = await t.ctx.db
    .selectFrom('procedure_revisions')
    .innerJoin('procedures', 'procedures.id', 'procedure_revisions.procedure_id')
    .select(['procedure_revisions.id', 'procedure_revisions.definition'])
    .where('procedures.slug', '=', slug)
    .where('procedure_revisions.status', '=', 'published')
    .execute();
  for (const row of rows) {
    const { fee: _fee, ...free } = row.definition as Record<string, unknown>;
    await t.ctx.db.updateTable('procedure_revisions').set({ definition: JSON.stringify(free) }).where('id', '=', row.id).execute();
  }
}

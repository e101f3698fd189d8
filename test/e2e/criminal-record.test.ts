// Bulletin n°3 end to end in a real browser: a newcomer requests it; the clerk of the court's registry signs
// in, opens the request, consults the record (nobody alike: « Néant »), issues the sealed bulletin, which
// accepts the dossier; the applicant downloads the PDF; its code pasted into /verifier reads VALIDE, and after
// the clerk revokes it, RÉVOQUÉ. Every clerk page passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import { assertAccessible, browserSkip, newPage, startBrowserApp } from '../support/browser.ts';
import { fileCasierInBrowser, makeApplicantFiles, type ApplicantFiles } from '../support/browser-applicant.ts';
import { administrationsOf, makeTeam, processProcedure } from '../support/backoffice.ts';
import { pdfText } from '../support/pdf-text.ts';
import { createStaffUser } from '../../src/modules/staff/index.ts';
import { grantRegistryRole } from '../../src/modules/registries/criminal-record/index.ts';
import { totp } from '../../src/platform/auth/totp.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let close: () => Promise<void>;
let files: ApplicantFiles;
const clerk = { email: 'greffier.casier@justice.gouv.ne', password: 'casier de Niamey 2026', totpSecret: '' };

before(async () => {
  if (browserSkip) return;
  ({ t, base, browser, close } = await startBrowserApp());
  files = await makeApplicantFiles(browser);
  const { procedureId, own } = await administrationsOf(t, 'extrait-casier-judiciaire');
  const team = await makeTeam(t, own, 'Greffe du TGI de Niamey — casier');
  await grantRegistryRole(t.ctx.db, team, 'clerk');
  await processProcedure(t, procedureId, { defaultTeamId: team });
  const { userId, totpSecret } = await createStaffUser(t.ctx.db, { email: clerk.email, password: clerk.password, name: 'Hadiza Greffière', role: 'agent', administrationId: own, secondFactor: 'totp' });
  clerk.totpSecret = totpSecret!;
  await t.ctx.db.insertInto('team_members').values({ team_id: team, user_id: userId }).execute();
});

after(() => close?.());


async function verify(page: Page, code: string): Promise<string> {
  await page.goto(`${base}/verifier`);
  await page.getByLabel('Code de vérification').fill(code);
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.waitForURL(/\/verifier\?/);
  return page.locator('#verdict').innerText();
}

test('bulletin n°3: requested online, issued by the clerk from the record, downloaded, verified, revoked', { skip: browserSkip }, async () => {
  // A newcomer files the request.
  const citizen = await newPage(browser, { acceptDownloads: true });
  // (The fee, when the procedure asks one, is paid with the sandbox operator: the request is then filed.)
  const { dossierPage: citizenDossier, reference } = await fileCasierInBrowser(citizen, base, files, { international: '+22791330001', local: '91 33 00 01' });

  // The clerk signs in and opens it from the inbox.
  const agent = await newPage(browser, { acceptDownloads: true });
  await agent.goto(`${base}/agent`);
  await agent.waitForURL(/\/agent\/connexion$/);
  await agent.getByLabel('Adresse e-mail').fill(clerk.email);
  await agent.getByLabel('Mot de passe').fill(clerk.password);
  await agent.getByRole('button', { name: 'Continuer' }).click();
  await agent.waitForURL(/\/agent\/connexion\/verification$/);
  await agent.getByLabel('Code de vérification').fill(totp(clerk.totpSecret, Date.now()));
  await agent.getByRole('button', { name: 'Valider' }).click();
  await agent.waitForURL(/\/agent$/);
  await agent.getByRole('link', { name: reference }).click();
  await agent.waitForURL(/\/agent\/dossiers\/[0-9A-Z]{26}$/);

  // Consulting the record: nobody alike, « aucune correspondance » is the only choice; the bulletin is « Néant ».
  await agent.getByRole('link', { name: 'Consulter le casier' }).click();
  await agent.waitForURL(/\/casier$/);
  await assertAccessible(agent);
  assert.match(await agent.locator('main').innerText(), /le bulletin portera « Néant »/);
  assert.ok(await agent.getByLabel(/Aucune correspondance/).isChecked());
  await agent.getByRole('button', { name: 'Établir le bulletin' }).click();
  await agent.waitForURL(/choix=aucune/);
  await assertAccessible(agent);
  assert.match(await agent.locator('.nil').innerText(), /Néant/);
  // The preview is a PDF marked as having no value.
  const previewHref = await agent.getByRole('link', { name: /Aperçu du bulletin/ }).getAttribute('href');
  const preview = await agent.request.get(`${base}${previewHref}`);
  assert.equal(preview.headers()['content-type'], 'application/pdf');
  assert.match(await pdfText(await preview.body()), /Néant/);
  await agent.getByRole('button', { name: 'Délivrer le bulletin n° 3' }).click();
  await agent.waitForURL(/\/agent\/dossiers\/[0-9A-Z]{26}\?fait=done$/);
  assert.match(await agent.locator('main').innerText(), /Accepté/);

  // The registry's own pages: search, a person's fiches, the registration form.
  await agent.goto(`${base}/agent/casier`);
  await assertAccessible(agent);
  await agent.getByLabel('Nom et prénoms').fill('garba moussa');
  await agent.getByRole('button', { name: 'Rechercher' }).click();
  await agent.getByRole('link', { name: 'MOUSSA Abdoulaye Garba' }).click();
  await agent.waitForURL(/\/agent\/casier\/personnes\/[0-9A-Z]{26}$/);
  await assertAccessible(agent);
  assert.match(await agent.locator('main').innerText(), /Vol aggravé/);
  await agent.getByRole('link', { name: 'Nouvelle condamnation pour cette personne' }).click();
  await assertAccessible(agent);

  // The applicant downloads the sealed bulletin from his dossier.
  await citizen.goto(citizenDossier);
  const link = citizen.getByRole('link', { name: /Extrait du casier judiciaire/ });
  const href = await link.getAttribute('href');
  const pdf = await citizen.request.get(`${base}${href}`);
  assert.equal(pdf.status(), 200);
  const text = await pdfText(await pdf.body());
  assert.match(text, /Néant/);
  assert.match(text, /ISSOUFOU Aïcha/);

  // Its code pasted into /verifier: VALIDE; revoked by the clerk: RÉVOQUÉ.
  const documentId = /\/documents\/([0-9A-Z]{26})/.exec(href!)![1]!;
  const { code } = await t.ctx.db.selectFrom('documents').select('code').where('id', '=', documentId).executeTakeFirstOrThrow();
  const verifier = await newPage(browser, { acceptDownloads: true });
  assert.match(await verify(verifier, code), /VALIDE/);
  await agent.goto(`${base}/agent/documents/${documentId}/revocation`);
  await agent.getByLabel('Motif de la révocation').fill('Délivré sur une identité à corriger');
  await agent.getByRole('button', { name: 'Révoquer définitivement' }).click();
  await agent.waitForLoadState();
  assert.match(await verify(verifier, code), /RÉVOQUÉ/);
});

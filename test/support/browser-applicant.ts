// A citizen in a real browser: signs up by phone (the SMS code read from /dev/outbox.json) and answers Niger's
// criminal record request page by page, uploading real files.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

export interface ApplicantFiles {
  pdfPath: string;
  photoPath: string;
}

/** A real PDF and a real PNG, made by Chromium itself: a scanned birth certificate and a photo of an ID card. */
export async function makeApplicantFiles(browser: Browser): Promise<ApplicantFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'guichet-e2e-'));
  const page = await browser.newPage();
  await page.setContent('<h1>Acte de naissance n° 1994/0312</h1><p>Commune de Tahoua</p>');
  const pdfPath = join(dir, 'acte-naissance.pdf');
  await writeFile(pdfPath, await page.pdf({ format: 'A5' }));
  const photoPath = join(dir, 'carte-identite.png');
  await writeFile(photoPath, await page.screenshot());
  await page.close();
  return { pdfPath, photoPath };
}

export async function signUpByPhone(page: Page, base: string, phone: string, local: string) {
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await page.getByLabel('Numéro de téléphone').first().fill(local);
  await page.getByRole('button', { name: /code par SMS/i }).click();
  await page.waitForURL(/\/connexion\/code$/);
  const outbox = (await (await page.request.get(`${base}/dev/outbox.json`)).json()) as { channel: string; to: string; body: string }[];
  const code = /\b(\d{6})\b/.exec(outbox.find((m) => m.channel === 'sms' && m.to === phone)!.body)![1]!;
  await page.getByLabel(/code/i).fill(code);
  await page.getByRole('button', { name: /valider|confirmer/i }).click();
}

export async function answerIdentity(page: Page) {
  await page.getByLabel('Nom (obligatoire)', { exact: true }).fill('Issoufou');
  await page.getByLabel(/^Prénoms/).fill('Aïcha');
  await page.getByLabel('Féminin').check();
  await page.getByLabel(/Date de naissance/).fill('12/03/1994');
  await page.getByLabel(/Lieu de naissance/).fill('Tahoua');
  await page.getByRole('group', { name: /né\(e\) au Niger/ }).getByLabel('Oui').check();
  await page.getByLabel(/Nom et prénoms du père/).fill('Issoufou Moussa');
  await page.getByLabel(/Nom et prénoms de la mère/).fill('Mariama Hamani');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
}

export async function answerTheRest(page: Page, files: ApplicantFiles, check: (page: Page) => Promise<void>) {
  await page.waitForURL(/\/pages\/piece$/);
  await check(page);
  await page.getByLabel(/Type de pièce|Nature de la pièce/).selectOption('cni');
  await page.getByLabel(/Numéro de la pièce/).fill('NE12345678');
  await page.locator('input[type=file][name="piece_identite"]').setInputFiles(files.photoPath);
  await page.locator('input[type=file][name="acte_naissance"]').setInputFiles(files.pdfPath);
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();

  await page.waitForURL(/\/pages\/contact$/);
  await check(page);
  await page.getByLabel('Téléphone (obligatoire)', { exact: true }).fill('90 12 34 56');
  await page.getByLabel('Un emploi').check();
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();

  await page.waitForURL(/\/pages\/engagement$/);
  await page.getByLabel(/Je certifie/).check();
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await page.waitForURL(/\/recapitulatif$/);
  await check(page);
}

/**
 * On the payment page (the request has a fee, decision 0017): pays with the sandbox operator and asks again
 * where the payment stands, as a payer without JavaScript does; the sandbox answers at once in tests, and the
 * page then leads to the filed dossier (`?depose=1`).
 */
export async function payInBrowser(page: Page, phone = '90 12 34 56') {
  await page.waitForURL(/\/paiement$/);
  await page.getByRole('group', { name: /opérateur/ }).getByRole('radio').first().check();
  await page.getByLabel(/Numéro de téléphone qui paie/).fill(phone);
  await page.getByRole('button', { name: /^Payer/ }).click();
  await page.waitForURL(/\/paiement$/);
  await page.getByRole('button', { name: 'Vérifier à nouveau' }).click();
  await page.waitForURL(/depose=1/);
}

/**
 * A newcomer signs up by phone and files the criminal record request, paying its fee with the sandbox operator
 * when the procedure asks one; returns the address of his dossier's page and its reference.
 */
export async function fileCasierInBrowser(page: Page, base: string, files: ApplicantFiles, phone: { international: string; local: string }) {
  await page.goto(`${base}/connexion`);
  await signUpByPhone(page, base, phone.international, phone.local);
  await page.goto(`${base}/demarches/extrait-casier-judiciaire/en-ligne`);
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.waitForURL(/\/pages\/identite$/);
  await answerIdentity(page);
  await answerTheRest(page, files, async () => {});
  await page.getByRole('button', { name: 'Déposer mon dossier' }).click();
  await page.waitForURL(/depose=1|\/paiement$/);
  if (page.url().endsWith('/paiement')) await payInBrowser(page);
  const dossierPage = page.url().replace(/\?.*$/, '');
  const reference = /DOS-\d{4}-[0-9A-Z]{6}/.exec(await page.locator('main').innerText())![0];
  return { dossierPage, reference };
}

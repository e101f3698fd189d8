// A newcomer files the criminal record extract request in a real browser: once with JavaScript disabled
// (a feature phone's browser, or a data saver), once with it, uploading a real PDF. The draft survives
// closing the browser; submitting twice makes one dossier; every page passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import { assertAccessible, browserSkip, startBrowserApp } from '../support/browser.ts';
import { answerIdentity, answerTheRest, makeApplicantFiles, payInBrowser, signUpByPhone } from '../support/browser-applicant.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let close: () => Promise<void>;
let pdfPath: string;
let photoPath: string;

before(async () => {
  if (browserSkip) return;
  ({ t, base, browser, close } = await startBrowserApp());
  ({ pdfPath, photoPath } = await makeApplicantFiles(browser));
});

after(() => close?.());

async function newPage(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR', javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && !/status of 40\d/.test(msg.text()) && problems.push(msg.text()));
  page.on('pageerror', (err) => problems.push(err.message));
  return { context, page, problems };
}

/**
 * axe-core needs scripts, which this context has disabled: the page's address is opened again in a context
 * with scripts and the same cookies, and checked there.
 */
async function axeAgain(page: Page) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
  await context.addCookies(await page.context().cookies());
  const twin = await context.newPage();
  await twin.goto(page.url());
  await assertAccessible(twin);
  await context.close();
}

const dossiersOf = (phone: string) =>
  t.ctx.db.selectFrom('dossiers').innerJoin('users', 'users.id', 'dossiers.applicant_id').select(['dossiers.id', 'status', 'reference']).where('users.phone', '=', phone).execute();

test('without JavaScript: sign up on the way, stop, come back another day, submit twice, one dossier', { skip: browserSkip }, async () => {
  const phone = '+22791110001';
  let { context, page, problems } = await newPage(false);
  await page.goto(`${base}/demarches/extrait-casier-judiciaire`);
  await page.getByRole('link', { name: /démarche en ligne/i }).click();
  await page.waitForURL(/\/en-ligne$/);
  await axeAgain(page);
  await page.getByRole('button', { name: /Se connecter pour commencer/ }).click();
  await page.waitForURL(/\/connexion$/);
  await signUpByPhone(page, base, phone, '91 11 00 01');
  await page.waitForURL(/\/en-ligne$/);
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.waitForURL(/\/pages\/identite$/);
  await axeAgain(page);

  // A mistake first: said next to the field and in the summary, the other answers kept.
  await page.getByLabel('Nom (obligatoire)', { exact: true }).fill('Issoufou');
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  assert.match(await page.locator('.summary').innerText(), /obligatoire|Choisissez/);
  assert.equal(await page.getByLabel('Nom (obligatoire)', { exact: true }).inputValue(), 'Issoufou');
  await axeAgain(page);
  await answerIdentity(page);
  await page.waitForURL(/\/pages\/piece$/);

  // The browser is closed; another day, the draft is there.
  const cookies = await context.cookies();
  await context.close();
  ({ context, page, problems } = await newPage(false));
  await context.addCookies(cookies);
  await page.goto(`${base}/mes-dossiers`);
  await axeAgain(page);
  await page.getByRole('link', { name: 'Reprendre' }).click();
  await page.waitForURL(/\/recapitulatif$/);
  assert.match(await page.locator('main').innerText(), /Issoufou/);
  await page.goto(page.url().replace('/recapitulatif', '/pages/piece'));
  await answerTheRest(page, { pdfPath, photoPath }, axeAgain);

  // A second tab on the review page, as people do when a page seems stuck.
  const tab = await context.newPage();
  await tab.goto(page.url());
  await page.getByRole('button', { name: 'Déposer mon dossier' }).click();
  // The request has a fee (decision 0017; test/e2e/payment.test.ts follows it): paid with the sandbox.
  await payInBrowser(page);
  const reference = /DOS-\d{4}-[0-9A-Z]{6}/.exec(await page.locator('main').innerText())?.[0];
  assert.ok(reference, 'the receipt shows the reference');
  await axeAgain(page);
  await tab.getByRole('button', { name: 'Déposer mon dossier' }).click();
  await tab.waitForURL(/\/dossiers\/[0-9A-Z]{26}$/);
  assert.match(await tab.locator('main').innerText(), new RegExp(reference), 'the other tab finds the same dossier');
  const rows = await dossiersOf(phone);
  assert.equal(rows.length, 1, 'one dossier');
  assert.equal(rows[0]!.status, 'submitted');

  const outbox = (await (await page.request.get(`${base}/dev/outbox.json`)).json()) as { channel: string; to: string; body: string }[];
  assert.ok(outbox.some((m) => m.to === phone && m.body.includes(reference)), 'the reference went out by SMS');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with JavaScript: a question shows only when it applies, the PDF goes up, the dossier is filed', { skip: browserSkip }, async () => {
  const phone = '+22791110002';
  const { context, page, problems } = await newPage(true);
  await page.goto(`${base}/connexion`);
  await signUpByPhone(page, base, phone, '91 11 00 02');
  await page.goto(`${base}/demarches/extrait-casier-judiciaire/en-ligne`);
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.waitForURL(/\/pages\/identite$/);

  const country = page.getByLabel(/^Pays de naissance/);
  await page.getByRole('group', { name: /né\(e\) au Niger/ }).getByLabel('Non').check();
  assert.ok(await country.isVisible(), 'asked when born abroad');
  await page.getByRole('group', { name: /né\(e\) au Niger/ }).getByLabel('Oui').check();
  assert.ok(!(await country.isVisible()), 'hidden when born in Niger');
  // A mistake, said next to the field, with scripts on.
  await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  assert.match(await page.locator('.summary').innerText(), /obligatoire|Choisissez/);
  await assertAccessible(page);
  await answerIdentity(page);
  await answerTheRest(page, { pdfPath, photoPath }, assertAccessible);
  assert.match(await page.locator('main').innerText(), /acte-naissance\.pdf/);

  // A double click on the submit button: one dossier.
  // The browser abandons the first navigation for the second: the outcome is read from the database, and
  // the receipt in a tab of its own, while the first tab settles.
  await page.getByRole('button', { name: 'Déposer mon dossier' }).dblclick();
  await payInBrowser(page);
  let rows = await dossiersOf(phone);
  for (let wait = 0; rows[0]?.status !== 'submitted' && wait < 100; wait++) {
    await new Promise((r) => setTimeout(r, 100));
    rows = await dossiersOf(phone);
  }
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.status, 'submitted');
  // Whichever of the two clicks the browser ends on, the dossier page is the receipt (read in a tab of its
  // own: the first tab may still be following the second click).
  const receipt = await context.newPage();
  await receipt.goto(`${base}/dossiers/${rows[0]!.id}`);
  assert.match(await receipt.locator('main').innerText(), new RegExp(rows[0]!.reference!));
  await assertAccessible(receipt);
  const file = await t.ctx.db.selectFrom('dossier_attachments').select(['kind', 'size']).where('dossier_id', '=', rows[0]!.id).where('name', '=', 'acte-naissance.pdf').executeTakeFirstOrThrow();
  assert.equal(file.kind, 'pdf');
  assert.deepEqual(problems, []);
  await context.close();
});

// A citizen requests a criminal record extract and pays its fee with the sandbox operator in Chromium: the
// request waits for the payment, the page says what to do on the phone and refreshes itself (no script), the
// operator's notification reaches the server over HTTP, and the page moves to the filed dossier, with the
// payment receipt to download. Every page passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import { assertAccessible, browserSkip, startBrowserApp } from '../support/browser.ts';
import { answerIdentity, answerTheRest, makeApplicantFiles, signUpByPhone, type ApplicantFiles } from '../support/browser-applicant.ts';
import { pdfText } from '../support/pdf-text.ts';
import { runDueJobs } from '../../src/platform/jobs/outbox.ts';
import { httpDeliver, paymentsEnvOf, SANDBOX_CALLBACK_JOB, sandboxCallbackJob } from '../../src/modules/payments/index.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let close: () => Promise<void>;
let files: ApplicantFiles;

before(async () => {
  if (browserSkip) return;
  ({ t, base, browser, close } = await startBrowserApp());
  files = await makeApplicantFiles(browser);
});
after(() => close?.());

/** The sandbox operator's server: its notifications go over HTTP to the app listening on loopback. */
function runOperator() {
  const { sandbox } = paymentsEnvOf(t.ctx).providers;
  const deliver = (url: string, body: string, headers: Record<string, string>) => httpDeliver(url.replace(t.config.publicUrl, base), body, headers);
  return runDueJobs(t.ctx.db, { [SANDBOX_CALLBACK_JOB]: sandboxCallbackJob(sandbox!, deliver) });
}

test('request a criminal record extract, pay with the sandbox operator, see the dossier submitted with the receipt', { skip: browserSkip }, async () => {
  const phone = '+22791110077';
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));

  await page.goto(`${base}/connexion`);
  await signUpByPhone(page, base, phone, '91 11 00 77');
  await page.goto(`${base}/demarches/extrait-casier-judiciaire/en-ligne`);
  await page.getByRole('button', { name: 'Commencer' }).click();
  await page.waitForURL(/\/pages\/identite$/);
  await answerIdentity(page);
  await answerTheRest(page, files, async () => {});
  await page.getByRole('button', { name: 'Déposer mon dossier' }).click();

  // The fee: what is owed, the operators of Niger, the number that pays.
  await page.waitForURL(/\/paiement$/);
  const dossierId = /\/dossiers\/([0-9A-Z]{26})\/paiement$/.exec(page.url())![1]!;
  assert.match(await page.locator('main').innerText(), /1\s000\sFCFA/);
  await assertAccessible(page);
  await page.getByLabel('Airtel Money').check();
  await page.getByLabel(/Numéro de téléphone qui paie/).fill('90 12 34 56');
  await page.getByRole('button', { name: /^Payer 1\s000\sFCFA$/ }).click();

  // Waiting for the phone: what to do, and the page refreshes by itself.
  await page.waitForURL(/\/paiement$/);
  const waiting = await page.locator('main').innerText();
  assert.match(waiting, /Confirmez le paiement sur votre téléphone/);
  assert.match(waiting, /Airtel Money/);
  await assertAccessible(page);
  const status = async () => (await t.ctx.db.selectFrom('dossiers').select('status').where('id', '=', dossierId).executeTakeFirstOrThrow()).status;
  assert.equal(await status(), 'draft', 'nothing is filed on the browser’s word');

  // The operator confirms: its notification comes over HTTP; the page notices on its next refresh.
  await runOperator();
  assert.equal(await status(), 'submitted');
  await page.waitForURL(new RegExp(`/dossiers/${dossierId}\\?depose=1$`), { timeout: 15_000 });
  const main = await page.locator('main').innerText();
  assert.match(main, /DOS-\d{4}-[0-9A-Z]{6}/, 'the dossier’s reference');
  assert.match(main, /Déposé/i, 'submitted');
  await assertAccessible(page);

  // The receipt: amount, operator, transaction id, date.
  const link = page.getByRole('link', { name: /Reçu de paiement/i });
  const href = await link.getAttribute('href');
  assert.ok(href, 'the receipt is offered on the dossier page');
  const pdf = await page.request.get(`${base}${href}`);
  assert.equal(pdf.status(), 200);
  const text = await pdfText(await pdf.body());
  const payment = await t.ctx.db.selectFrom('payments').selectAll().where('dossier_id', '=', dossierId).executeTakeFirstOrThrow();
  assert.match(text, /1\s000 FCFA/);
  assert.match(text, /Airtel Money/);
  assert.ok(text.includes(payment.provider_ref!), 'the operator’s transaction id');
  assert.match(text, /\d{1,2} \p{L}+ \d{4}/u, 'the date');
  assert.deepEqual(problems, []);
  await context.close();
});

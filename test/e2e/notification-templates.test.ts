// A manager writes his procedure's SMS for accepted dossiers in Chromium (the page carries no script: plain
// forms): he opens the page from the routing page, previews a text too long once filled (told why, nothing saved), shortens it,
// saves it. Every state of the page passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import { assertAccessible, browserSkip, startBrowserApp } from '../support/browser.ts';
import { administrationsOf, signedInStaff } from '../support/backoffice.ts';
import { SESSION_COOKIE } from '../../src/platform/auth/session.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let close: () => Promise<void>;
let procedureId: string;
let token: string;

before(async () => {
  if (browserSkip) return;
  ({ t, base, browser, close } = await startBrowserApp());
  const adm = await administrationsOf(t, 'extrait-casier-judiciaire');
  procedureId = adm.procedureId;
  const { v } = await signedInStaff(t, { role: 'manager', administrationId: adm.own });
  token = v.cookies.get(SESSION_COOKIE)!;
});
after(() => close?.());

test('a manager previews, is refused an over-long SMS, then saves his own words', { skip: browserSkip, timeout: 180_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'fr-FR' });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);

  await page.goto(`${base}/agent/routage/${procedureId}`);
  await page.getByRole('link', { name: 'Messages aux demandeurs' }).click();
  assert.equal(await page.locator('script').count(), 0, 'plain forms: nothing needs JavaScript');
  await assertAccessible(page);
  await page.getByRole('link', { name: 'plateforme : modifier « Acceptation » en Français' }).click();
  const sms = page.getByLabel('SMS', { exact: true });
  assert.match(await sms.inputValue(), /\{reference\} est accepté/);

  await sms.fill(`L’extrait ${'x'.repeat(180)} {procedure}`);
  await page.getByRole('button', { name: 'Aperçu' }).click();
  assert.match(await page.locator('#editeur').innerText(), /Le SMS pourrait faire 4 SMS une fois rempli/);
  assert.match(await page.locator('.preview-sms').innerText(), /^L’extrait x+ Extrait de casier judiciaire/);
  await assertAccessible(page);

  await page.getByLabel('SMS', { exact: true }).fill('Greffe : votre extrait {reference} est pret. Retrait sur presentation de la piece d identite. {link}');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  assert.match(await page.getByRole('alert').first().innerText(), /Texte enregistré/);
  assert.match(await page.locator('.hint[role=status]').innerText(), /caractères de l'alphabet GSM, 1 SMS/);
  await assertAccessible(page);
  const saved = await t.ctx.db.selectFrom('procedure_notification_templates').select('sms').where('procedure_id', '=', procedureId).executeTakeFirstOrThrow();
  assert.match(saved.sms, /^Greffe : votre extrait \{reference\} est pret/);
  await context.close();
});

// The staff pages in a real browser (they load no script): sign-in with a TOTP code, the teams page with a
// mistake and its correction, an invitation accepted. Every page must pass axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import { assertAccessible, browserSkip, startBrowserApp } from '../support/browser.ts';
import { totp } from '../../src/platform/auth/totp.ts';
import { addAdministration, addStaff, lastMessage, PASSWORD } from '../../src/modules/staff/test-setup.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let close: () => Promise<void>;

before(async () => {
  if (browserSkip) return;
  ({ t, base, browser, close } = await startBrowserApp());
});
after(() => close?.());

test('a manager signs in with a code, builds a team and invites an agent who sets up an app', { skip: browserSkip }, async () => {
  const justice = await addAdministration(t, 'Direction des affaires civiles');
  await addAdministration(t, "Service de l'état civil", justice);
  const manager = await addStaff(t, { role: 'manager', administrationId: justice });
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);

  await page.goto(`${base}/agent/connexion`);
  await assertAccessible(page);
  await page.getByLabel('Adresse e-mail').fill(manager.email);
  await page.getByLabel('Mot de passe').fill(manager.password);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.waitForURL(/\/agent\/connexion\/verification$/);
  await assertAccessible(page);
  await page.getByLabel('Code de vérification').fill('000000' === totp(manager.totpSecret) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.locator('.summary').waitFor();
  await assertAccessible(page);
  await page.getByLabel('Code de vérification').fill(totp(manager.totpSecret));
  await page.getByLabel('Faire confiance à cet appareil pendant 30 jours').check();
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/agent/connexion'));

  await page.goto(`${base}/agent/equipes`);
  await assertAccessible(page);
  await page.getByLabel("Nom de l'équipe").fill('   ');
  await page.getByRole('button', { name: "Créer l'équipe" }).click();
  assert.match(await page.locator('.summary').innerText(), /Donnez un nom/);
  await assertAccessible(page);
  await page.getByLabel("Nom de l'équipe").fill('Actes de naissance');
  await page.getByLabel("Administration ou service de l'équipe").selectOption({ label: "— Service de l'état civil" });
  await page.getByRole('button', { name: "Créer l'équipe" }).click();
  await page.getByRole('heading', { name: 'Actes de naissance' }).waitFor();
  await assertAccessible(page);

  await page.getByLabel('Adresse e-mail ou numéro de téléphone').fill('aicha.moussa@etatcivil.ne');
  await page.getByLabel('Équipe', { exact: true }).selectOption({ label: "Actes de naissance (Service de l'état civil)" });
  await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await page.getByText("L'invitation a été envoyée").waitFor();
  const link = /\/agent\/invitation\/[A-Za-z0-9_-]+/.exec((await lastMessage(t, 'aicha.moussa@etatcivil.ne')).body)![0];

  const invitee = await (await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'fr-FR' })).newPage();
  invitee.setDefaultTimeout(15_000);
  await invitee.goto(`${base}${link}`);
  await assertAccessible(invitee);
  const secret = /secret=([A-Z2-7]+)/.exec((await invitee.getByRole('link', { name: "Ouvrir dans l'application de ce téléphone" }).getAttribute('href'))!)![1]!;
  await invitee.getByLabel('Nom et prénom').fill('Aïcha Moussa');
  await invitee.getByLabel('Mot de passe').fill('court');
  await invitee.getByRole('button', { name: 'Créer mon compte' }).click();
  await invitee.locator('.summary').waitFor();
  await assertAccessible(invitee);
  await invitee.getByLabel('Nom et prénom').fill('Aïcha Moussa');
  await invitee.getByLabel('Mot de passe').fill(PASSWORD);
  await invitee.getByLabel("Code affiché par l'application").fill(totp(secret));
  await invitee.getByRole('button', { name: 'Créer mon compte' }).click();
  await invitee.waitForURL((url) => !url.pathname.startsWith('/agent/invitation'));
  const user = await t.ctx.db.selectFrom('users').select(['role', 'administration_id']).where('email', '=', 'aicha.moussa@etatcivil.ne').executeTakeFirstOrThrow();
  assert.equal(user.role, 'agent');

  await page.goto(`${base}/agent/equipes`);
  assert.match(await page.locator('body').innerText(), /Aïcha Moussa/);
  await context.close();
});

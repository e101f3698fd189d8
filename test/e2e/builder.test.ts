// A manager builds a form in a real browser with JavaScript on: adding a page and a question happens in
// place (public/builder.js swaps #builder; the page is never reloaded), errors come back the same way, and
// every state of the builder passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import { assertAccessible, browserSkip, startBrowserApp } from '../support/browser.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/seed.ts';
import { draftRevision } from '../../src/modules/builder/store.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let close: () => Promise<void>;

before(async () => {
  if (browserSkip) return;
  ({ t, base, browser, close } = await startBrowserApp());
});

after(() => close?.());

test('with JavaScript, the builder changes the form without reloading the page', { skip: browserSkip }, async () => {
  const procedure = await t.ctx.db.selectFrom('procedures').select('id').where('country', '=', 'ne').where('slug', '=', 'jugement-suppletif-naissance').executeTakeFirstOrThrow();
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && !/status of 40\d/.test(msg.text()) && problems.push(msg.text()));
  page.on('pageerror', (err) => problems.push(err.message));
  let loads = 0;
  page.on('load', () => loads++);

  const manager = DEMO_ACCOUNTS.find((a) => a.role === 'manager')!;
  await page.goto(`${base}/connexion`);
  const form = page.locator('form[action="/connexion/email"]');
  await form.locator('input[name=email]').fill(manager.email);
  await form.locator('input[name=password]').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Se connecter' }).click();
  // Staff pass the second factor: the demo manager's code comes by SMS, read from the development outbox.
  await page.waitForURL(/\/agent\/connexion\/verification$/);
  const outbox = (await (await page.request.get(`${base}/dev/outbox.json`)).json()) as { to: string; body: string }[];
  await page.getByLabel('Code de vérification').fill(/\b(\d{6})\b/.exec(outbox.find((m) => m.to === manager.phone)!.body)![1]!);
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.waitForURL((url) => !url.pathname.includes('connexion'));

  await page.goto(`${base}/admin/demarches/${procedure.id}`);
  await page.getByRole('link', { name: 'Formulaire en ligne' }).click();
  await page.waitForURL(/\/formulaire$/);
  await page.waitForLoadState('load');
  await assertAccessible(page);
  await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));
  const loadsBefore = loads;

  // An empty title: the error comes back in place.
  await page.getByRole('button', { name: 'Ajouter la page' }).click();
  await page.locator('.summary').waitFor();
  assert.match(await page.locator('.summary').innerText(), /Ce texte est obligatoire/);
  await assertAccessible(page);

  await page.getByLabel('Titre de la nouvelle page').fill('Le jugement demandé');
  await page.getByRole('button', { name: 'Ajouter la page' }).click();
  await page.getByRole('heading', { name: 'Page 1 : Le jugement demandé' }).waitFor();

  // A question: its type, then the editor, then saved.
  await page.getByLabel('Type de la nouvelle question').selectOption('date');
  await page.getByRole('button', { name: /Ajouter une question à la page/ }).click();
  await page.getByRole('heading', { name: 'Nouvelle question : Date' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'editor-title', 'the editor takes the focus');
  await assertAccessible(page);
  await page.getByLabel('Libellé de la question (français)').fill('Date de naissance');
  await page.getByLabel('La date doit être passée (ou aujourd\'hui)').check();
  await page.getByRole('button', { name: 'Enregistrer la question' }).click();
  await page.locator('#f-item-date_de_naissance').waitFor();
  assert.match(await page.locator('#f-item-date_de_naissance').innerText(), /Date de naissance/);
  await page.getByText('Modification enregistrée dans le brouillon.').waitFor();
  await assertAccessible(page);

  assert.equal(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker), 42, 'the page was never reloaded');
  assert.equal(loads, loadsBefore, 'no load event since');
  assert.match(page.url(), /\?ok=item-date_de_naissance$/, 'the address follows, for back and reload');
  const draft = await draftRevision(t.ctx.db, procedure.id);
  assert.deepEqual(
    draft?.definition.sections.map((s) => s.fields.map((f) => f.id)),
    [['date_de_naissance']],
  );

  // A page's editor, closed again; a question's editor.
  await page.getByRole('button', { name: 'Modifier la page « Le jugement demandé »' }).click();
  await page.getByRole('heading', { name: 'Modifier la page « Le jugement demandé »' }).waitFor();
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Annuler' }).click();
  await page.locator('#editor').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Modifier « Date de naissance »' }).click();
  await page.getByRole('heading', { name: 'Modifier « Date de naissance »' }).waitFor();
  assert.match(await page.locator('#editor').innerText(), /Aucune question n'est posée avant/, 'the first question can have no condition');
  assert.equal(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker), 42, 'still the same page');

  // Back in history shows the previous state, in place too.
  await page.goBack();
  await page.goBack();
  await page.getByRole('heading', { name: 'Modifier la page « Le jugement demandé »' }).waitFor();
  assert.equal(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker), 42);
  assert.deepEqual(problems, []);

  // The preview, a page of its own, passes too.
  await page.goto(`${base}/admin/demarches/${procedure.id}/formulaire/apercu`);
  await page.getByRole('heading', { name: 'Le jugement demandé' }).waitFor();
  assert.ok(await page.getByLabel(/Date de naissance/).isVisible());
  await assertAccessible(page);
  await context.close();
});

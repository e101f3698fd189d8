// A newcomer's first visit, in a real browser: find the criminal record extract, read it in English, create
// an account with a phone number and the code sent by SMS, sign out. Every page must pass axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import { assertAccessible, browserSkip, startBrowserApp } from '../support/browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let close: () => Promise<void>;

before(async () => {
  if (browserSkip) return;
  ({ t, base, browser, close } = await startBrowserApp());
});

after(() => close?.());

test('a newcomer finds a procedure, switches to English, signs up by SMS code and signs out', { skip: browserSkip }, async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'fr-FR' });
  const page = await context.newPage();
  const problems: string[] = [];
  // The deliberate mistake below is answered with status 400, which Chromium logs; anything else counts.
  page.on('console', (msg) => msg.type() === 'error' && !/status of 400/.test(msg.text()) && problems.push(msg.text()));
  page.on('pageerror', (err) => problems.push(err.message));

  await page.goto(`${base}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await assertAccessible(page);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= 320, `no horizontal scrolling at 320 px (page is ${scrollWidth} px wide)`);

  await page.getByLabel('Rechercher une démarche').fill('casier');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForURL(/\/recherche\?q=casier/);
  await assertAccessible(page);

  await page.getByRole('link', { name: 'Extrait de casier judiciaire (bulletin n°3)' }).click();
  await page.waitForURL(/\/demarches\/extrait-casier-judiciaire$/);
  assert.match(await page.locator('h1').innerText(), /casier judiciaire/i);
  assert.match(await page.locator('main').innerText(), /FCFA|Gratuit/);
  await assertAccessible(page);

  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/lang=en/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.locator('h1').innerText(), /criminal record/i);
  assert.match(await page.locator('main').innerText(), /Documents to provide|What to bring|Required documents/i);
  await assertAccessible(page);

  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.waitForURL(/\/connexion$/);
  await assertAccessible(page);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.waitForURL(/\/inscription$/);
  await assertAccessible(page);

  // A mistake first: the message is in English, tied to the field, and nothing was sent.
  await page.getByLabel('Phone number').first().fill('12345');
  await page.getByRole('button', { name: /code by SMS/i }).click();
  assert.match(await page.locator('.summary').innerText(), /valid phone number/i);
  await assertAccessible(page);

  await page.getByLabel('Phone number').first().fill('+227 93 45 67 89');
  await page.getByRole('button', { name: /code by SMS/i }).click();
  await page.waitForURL(/\/connexion\/code$/);
  await assertAccessible(page);

  const outbox = (await (await page.request.get(`${base}/dev/outbox.json`)).json()) as { channel: string; to: string; body: string }[];
  const sms = outbox.find((m) => m.channel === 'sms' && m.to === '+22793456789');
  assert.ok(sms, 'the code was sent by SMS');
  const code = /\b(\d{6})\b/.exec(sms.body)![1]!;
  await page.getByLabel(/code/i).fill(code);
  await page.getByRole('button', { name: /confirm|validate|submit/i }).click();
  await page.waitForURL(/\/mon-compte/);
  assert.match(await page.locator('main').innerText(), /\+22793456789/);
  await assertAccessible(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${base}/`);
  assert.equal(await page.getByRole('link', { name: 'Sign in' }).count(), 1);

  assert.deepEqual(problems, [], 'no console error (CSP violation, failed resource) on any page');
  await context.close();
});

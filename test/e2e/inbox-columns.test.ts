// The inbox's « Colonnes » panel and sortable headings in Chromium with JavaScript turned off: the agent
// opens the panel, drops a column, moves the deadline first and saves; then sorts by deadline with a click on
// its heading. The page passes axe-core with the panel open (checked in a second context: axe needs scripts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import { assertAccessible, browserSkip, startBrowserApp } from '../support/browser.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../support/backoffice.ts';
import { SESSION_COOKIE } from '../../src/platform/auth/session.ts';
import { newId } from '../../src/platform/db/ids.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let close: () => Promise<void>;
let token = '';
let team = '';

before(async () => {
  if (browserSkip) return;
  ({ t, base, browser, close } = await startBrowserApp());
  const { procedureId, own } = await administrationsOf(t, 'extrait-casier-judiciaire');
  team = await makeTeam(t, own, 'Greffe de Tahoua');
  await processProcedure(t, procedureId, { defaultTeamId: team, legalDelayDays: 10 });
  const agent = await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [team] });
  token = agent.v.cookies.get(SESSION_COOKIE)!;
  // Three filed dossiers whose deadlines run the other way round from their submissions.
  const revision = await t.ctx.db.selectFrom('procedure_revisions').select('id').where('procedure_id', '=', procedureId).where('status', '=', 'published').executeTakeFirstOrThrow();
  const applicant = newId();
  await t.ctx.db.insertInto('users').values({ id: applicant, email: 'demandeur.tahoua@exemple.ne', name: 'Issa Tahoua' }).execute();
  for (const [i, days] of [8, 2, 5].entries()) {
    await sql`
      INSERT INTO dossiers (id, reference, procedure_id, revision_id, applicant_id, status, submitted_at, updated_at, team_id, administration_id, due_at)
      VALUES (${newId()}, ${`DOS-2026-TAHOU${i}`}, ${procedureId}, ${revision.id}, ${applicant}, 'submitted', now() - ${`${3 - i} days`}::interval, now(),
        ${team}, ${own}, now() + ${`${days} days`}::interval)`.execute(t.ctx.db);
  }
});

after(() => close?.());

test('without JavaScript, the agent arranges his columns and sorts by deadline', { skip: browserSkip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1024, height: 800 }, locale: 'fr-FR' });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}/agent`);
  const headings = () => page.locator('thead th').allInnerTexts();
  assert.deepEqual((await headings()).slice(1), ['Référence', 'Démarche', 'Demandeur', 'Déposé le ▲', 'Statut', 'Équipe', 'Délai', 'Étiquettes']);
  const references = () => page.locator('tbody td a[href^="/agent/dossiers/"]').allInnerTexts();
  assert.deepEqual(await references(), ['DOS-2026-TAHOU0', 'DOS-2026-TAHOU1', 'DOS-2026-TAHOU2'], 'the oldest submission first');

  await page.getByText('Colonnes', { exact: true }).click();
  const panel = page.locator('form[action="/agent/colonnes"]');
  await panel.getByLabel('Statut', { exact: true }).uncheck();
  await panel.getByLabel('Démarche', { exact: true }).uncheck();
  await panel.getByLabel('Place de « Délai »').selectOption('1');
  await page.getByRole('button', { name: 'Enregistrer les colonnes' }).click();
  await page.waitForURL(/colonnes=saved/);
  assert.match(await page.locator('main').innerText(), /Vos colonnes sont enregistrées/);
  assert.deepEqual((await headings()).slice(1), ['Délai', 'Référence', 'Demandeur', 'Déposé le ▲', 'Équipe', 'Étiquettes']);

  await page.getByRole('link', { name: 'Délai' }).click();
  await page.waitForURL(/tri=echeance/);
  assert.equal(await page.locator('thead th[aria-sort="ascending"]').innerText(), 'Délai ▲');
  assert.deepEqual(await references(), ['DOS-2026-TAHOU1', 'DOS-2026-TAHOU2', 'DOS-2026-TAHOU0'], 'the nearest deadline first');
  await page.getByRole('link', { name: 'Délai' }).click();
  await page.waitForURL(/ordre=inverse/);
  assert.deepEqual(await references(), ['DOS-2026-TAHOU0', 'DOS-2026-TAHOU2', 'DOS-2026-TAHOU1'], 'a second click turns the order');

  // Another visit, another day: the same columns.
  await page.goto(`${base}/agent`);
  assert.deepEqual((await headings()).slice(1), ['Délai', 'Référence', 'Demandeur', 'Déposé le ▲', 'Équipe', 'Étiquettes']);
  await context.close();

  // axe-core needs scripts (and timers) to run: the same pages, panel open, in a context that allows them.
  const checker = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'fr-FR' });
  await checker.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
  const audit = await checker.newPage();
  audit.setDefaultTimeout(15_000);
  await audit.goto(`${base}/agent?tri=echeance&ordre=inverse`);
  await audit.getByText('Colonnes', { exact: true }).click();
  await assertAccessible(audit);
  await checker.close();
});

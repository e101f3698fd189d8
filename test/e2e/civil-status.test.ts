// The civil-status register in a real browser: a maternity's midwife declares a birth for the parents; the
// commune's officer signs in (password and authenticator code), goes from the declaration's dossier page to the
// register, draws up the act, writes a mention in its margin, and answers an extract request with a sealed
// extract; the applicant downloads it from his dossier page and it reads back with the act number and the
// mention. Every page the staff see passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import { assertAccessible, browserSkip, newPage, startBrowserApp } from '../support/browser.ts';
import { pdfText } from '../support/pdf-text.ts';
import { createStaffUser } from '../../src/modules/staff/index.ts';
import { totp } from '../../src/platform/auth/totp.ts';
import { SESSION_COOKIE } from '../../src/platform/auth/session.ts';
import { civilWorld, declarationAnswers, extractAnswers, fileCivil, type CivilWorld } from '../../src/modules/registries/civil-status/test-setup.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let close: () => Promise<void>;
let w: CivilWorld;
const officer = { email: 'officier.niamey1@etat-civil.ne', password: 'registre de Niamey 2026', totpSecret: '' };
const midwife = { email: 'sage-femme@gazobi.ne', password: 'maternité Gazobi 2026', totpSecret: '' };

async function staffMember(who: typeof officer, administrationCode: string) {
  const admin = await t.ctx.db.selectFrom('administrations').select('id').where('code', '=', administrationCode).executeTakeFirstOrThrow();
  const team = await t.ctx.db.selectFrom('teams').select('id').where('administration_id', '=', admin.id).executeTakeFirstOrThrow();
  const { userId, totpSecret } = await createStaffUser(t.ctx.db, { email: who.email, password: who.password, name: 'Hawa Officier', role: 'agent', administrationId: admin.id, secondFactor: 'totp' });
  who.totpSecret = totpSecret!;
  await t.ctx.db.insertInto('team_members').values({ team_id: team.id, user_id: userId }).execute();
}

before(async () => {
  if (browserSkip) return;
  ({ t, base, browser, close } = await startBrowserApp());
  w = await civilWorld(t);
  await staffMember(officer, 'ne-etat-civil-niamey-i');
  await staffMember(midwife, 'ne-sante-maternite-gazobi');
});
after(() => close?.());


async function signIn(page: Page, who: typeof officer, then: string) {
  await page.goto(`${base}${then}`);
  await page.waitForURL(/\/agent\/connexion$/);
  await page.getByLabel('Adresse e-mail').fill(who.email);
  await page.getByLabel('Mot de passe').fill(who.password);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.waitForURL(/\/agent\/connexion\/verification$/);
  await page.getByLabel('Code de vérification').fill(totp(who.totpSecret, Date.now()));
  await page.getByRole('button', { name: 'Valider' }).click();
}

test('a maternity declares for the parents; the officer registers, adds a mention, issues an extract; the applicant downloads it', { skip: browserSkip }, async () => {
  // The midwife: the register's address sends her to the declaration form.
  const maternity = await newPage(browser);
  await signIn(maternity, midwife, '/agent/etat-civil');
  await maternity.waitForURL(/\/agent\/etat-civil\/declarations\/nouvelle$/);
  await assertAccessible(maternity);
  await maternity.getByLabel("Nom de l'enfant").fill('Abdou');
  await maternity.getByLabel("Prénoms de l'enfant").fill('Nafissa');
  await maternity.getByLabel('Sexe').selectOption('f');
  await maternity.getByLabel('Date de naissance').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/'));
  await maternity.getByLabel('Heure de naissance').fill('14:30');
  await maternity.getByLabel('Nom de la mère').fill('Boubacar');
  await maternity.getByLabel('Prénoms de la mère').fill('Safiatou');
  await maternity.getByLabel('Téléphone du parent').fill('96 12 34 56');
  await maternity.getByRole('button', { name: 'Préparer la déclaration et prévenir le parent' }).click();
  await maternity.getByText('Déclaration préparée').waitFor();
  assert.match(await maternity.locator('main').innerText(), /\/brouillons\//);
  await assertAccessible(maternity);

  // The officer: from the declaration's dossier page to the register, the act drawn up.
  const declaration = await fileCivil(t, w, 'declaration-naissance', declarationAnswers());
  const page = await newPage(browser);
  await signIn(page, officer, `/agent/dossiers/${declaration.id}`);
  await page.waitForURL(new RegExp(`/agent/dossiers/${declaration.id}$`));
  await page.getByRole('link', { name: "Vérifier la déclaration et dresser l'acte de naissance" }).click();
  await page.waitForURL(/\/agent\/etat-civil\/dossiers\//);
  await assertAccessible(page);
  await page.getByRole('button', { name: "Dresser l'acte de naissance" }).click();
  await page.waitForURL(/\/agent\/etat-civil\/actes\/[0-9A-Z]{26}\?enregistre=1$/);
  const number = /Acte de naissance n° (\d{4}\/\d{6})/.exec(await page.locator('h1').innerText())![1]!;
  await assertAccessible(page);

  // A mention in the margin.
  await page.getByLabel('Nature').selectOption('recognition');
  await page.getByLabel("Date de l'événement").fill(new Date().toISOString().slice(0, 10).split('-').reverse().join('/'));
  await page.getByLabel('Texte de la mention').fill('Reconnue par Issa Moussa, né le 3 mai 1990 à Dosso');
  await page.getByLabel('Autorité').fill("Officier de l'état civil de Niamey I");
  await page.getByRole('button', { name: 'Inscrire la mention' }).click();
  await page.getByText('Mention inscrite').waitFor();
  await assertAccessible(page);

  // The extract request, answered from the act.
  const [year, n] = number.split('/');
  const birth = await t.ctx.db.selectFrom('birth_acts').select((eb) => eb.cast<string>('birth_date', 'text').as('d')).where('dossier_id', '=', declaration.id).executeTakeFirstOrThrow();
  const request = await fileCivil(t, w, 'extrait-acte-naissance', extractAnswers({ nom: 'Moussa', prenoms: 'Aïchatou Zeinab', date_naissance: birth.d }, { numero: String(Number(n)), annee: Number(year) }));
  await page.goto(`${base}/agent/etat-civil/dossiers/${request.id}`);
  await assertAccessible(page);
  await page.getByRole('button', { name: 'Délivrer le document signé' }).click();
  await page.getByText('Document délivré et signé').waitFor();

  // The applicant downloads it from his dossier page.
  const applicant = await newPage(browser);
  await applicant.context().addCookies([{ name: SESSION_COOKIE, value: w.applicant.v.cookies.get(SESSION_COOKIE)!, url: base }]);
  await applicant.goto(`${base}/dossiers/${request.id}`);
  const href = await applicant.locator(`a[href^="/dossiers/${request.id}/documents/"]`).first().getAttribute('href');
  assert.ok(href, 'the dossier page offers the extract');
  const pdf = await applicant.request.get(`${base}${href}`);
  assert.equal(pdf.status(), 200);
  const text = await pdfText(await pdf.body());
  assert.match(text, new RegExp(number));
  assert.match(text, /Reconnue par Issa Moussa/);
});

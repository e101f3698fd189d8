// The whole round trip in a real browser: a citizen files the criminal record request; the clerk of the team it
// is routed to signs in with password and authenticator code, finds it in "À traiter" and asks for a
// correction; the citizen corrects it; the clerk accepts it. The citizen's SMS says so, and "Mes dossiers"
// too. Every agent page passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../support/app.ts';
import { assertAccessible, browserSkip, newPage, startBrowserApp } from '../support/browser.ts';
import { fileCasierInBrowser, makeApplicantFiles, type ApplicantFiles } from '../support/browser-applicant.ts';
import { administrationsOf, makeTeam, processProcedure } from '../support/backoffice.ts';
import { createStaffUser } from '../../src/modules/staff/index.ts';
import { totp } from '../../src/platform/auth/totp.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let close: () => Promise<void>;
let files: ApplicantFiles;
const clerk = { email: 'greffier@justice.gouv.ne', password: 'greffe de Niamey 2026', totpSecret: '' };

before(async () => {
  if (browserSkip) return;
  ({ t, base, browser, close } = await startBrowserApp());
  files = await makeApplicantFiles(browser);
  const { procedureId, own } = await administrationsOf(t, 'extrait-casier-judiciaire');
  const team = await makeTeam(t, own, 'Greffe du tribunal de Niamey');
  await processProcedure(t, procedureId, { defaultTeamId: team, legalDelayDays: 10 });
  const { userId, totpSecret } = await createStaffUser(t.ctx.db, { email: clerk.email, password: clerk.password, name: 'Abdou Greffier', role: 'agent', administrationId: own, secondFactor: 'totp' });
  clerk.totpSecret = totpSecret!;
  await t.ctx.db.insertInto('team_members').values({ team_id: team, user_id: userId }).execute();
});

after(() => close?.());


const outbox = async (page: Page) => (await (await page.request.get(`${base}/dev/outbox.json`)).json()) as { channel: string; to: string; body: string }[];

test('filed, routed, corrected on request, accepted: the citizen is told at each step', { skip: browserSkip }, async () => {
  // The citizen files.
  const phone = '+22791220001';
  const citizen = await newPage(browser);
  // (The fee, when the procedure asks one, is paid with the sandbox operator: the request is then filed.)
  const { dossierPage: citizenDossier, reference } = await fileCasierInBrowser(citizen, base, files, { international: phone, local: '91 22 00 01' });

  // The clerk signs in: password, then the authenticator's code; the inbox follows.
  const agent = await newPage(browser);
  await agent.goto(`${base}/agent`);
  await agent.waitForURL(/\/agent\/connexion$/);
  await assertAccessible(agent);
  await agent.getByLabel('Adresse e-mail').fill(clerk.email);
  await agent.getByLabel('Mot de passe').fill(clerk.password);
  await agent.getByRole('button', { name: 'Continuer' }).click();
  await agent.waitForURL(/\/agent\/connexion\/verification$/);
  await assertAccessible(agent);
  await agent.getByLabel('Code de vérification').fill(totp(clerk.totpSecret, Date.now()));
  await agent.getByRole('button', { name: 'Valider' }).click();
  await agent.waitForURL(/\/agent$/);
  await assertAccessible(agent);
  assert.match(await agent.getByRole('link', { name: /À traiter/ }).innerText(), /\(1\)/);

  // Found in "À traiter"; a correction is asked on the father's name.
  await agent.getByRole('link', { name: reference }).click();
  await agent.waitForURL(/\/agent\/dossiers\/[0-9A-Z]{26}$/);
  await assertAccessible(agent);

  // The birth certificate is read in the page: its preview opens in Chromium's PDF viewer (decision 0012).
  const certificate = agent.locator('details.preview').filter({ has: agent.locator('iframe[title*="acte-naissance.pdf"]') });
  await certificate.locator('summary').click();
  // The viewer is Chromium's own extension frame inside ours; it appears once the PDF is read.
  const viewerShown = () => agent.frames().some((f) => f.url().startsWith('chrome-extension://'));
  for (let i = 0; i < 50 && !viewerShown(); i++) await agent.waitForTimeout(200);
  assert.ok(viewerShown(), `the PDF viewer renders the piece (frames: ${agent.frames().map((f) => f.url()).join(', ')})`);
  await assertAccessible(agent);
  await agent.getByText('Demander une correction au demandeur').click();
  await agent.getByLabel(/Nom et prénoms du père/).check();
  await agent.getByLabel(/Ce qui ne va pas/).fill("Le nom du père ne correspond pas à l'acte de naissance joint.");
  await agent.getByRole('button', { name: 'Envoyer la demande de correction' }).click();
  await agent.waitForURL(/fait=done/);
  assert.match(await agent.locator('main').innerText(), /Correction demandée/);

  // The citizen corrects just that answer.
  await citizen.goto(citizen.url().replace(/\?.*$/, ''));
  await citizen.getByRole('link', { name: 'Corriger mon dossier' }).click();
  await citizen.getByLabel(/Nom et prénoms du père/).fill('Issoufou Moussa Garba');
  await citizen.getByRole('button', { name: /Renvoyer|Envoyer/ }).click();
  await citizen.waitForURL(/corrige=1/);

  // The clerk accepts.
  await agent.goto(agent.url().replace(/\?.*$/, ''));
  assert.match(await agent.locator('main').innerText(), /Issoufou Moussa Garba/);
  await agent.getByLabel('Accepter').check();
  await agent.getByLabel('Motivation').fill('Pièces conformes. Le bulletin est à retirer au greffe.');
  // The signed letter goes with the decision (a multipart form).
  await agent.getByLabel('Fichier joint à la décision (facultatif)').setInputFiles(files.pdfPath);
  await agent.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await agent.waitForURL(/fait=done/);
  await assertAccessible(agent);
  assert.match(await agent.locator('ol.timeline').innerText(), /Dossier accepté[\s\S]*Pièce jointe : acte-naissance\.pdf/);

  const sms = (await outbox(agent)).filter((m) => m.channel === 'sms' && m.to === phone && m.body.includes(reference));
  assert.ok(sms.some((m) => /correction/.test(m.body)), 'told of the correction asked');
  assert.ok(sms.some((m) => /accepté/.test(m.body)), 'told of the acceptance');
  await citizen.goto(`${base}/mes-dossiers`);
  assert.match(await citizen.locator('main').innerText(), new RegExp(`${reference}[\\s\\S]*Accepté|Accepté[\\s\\S]*${reference}`));
  // The letter is in the citizen's timeline, to download.
  await citizen.goto(citizenDossier);
  const letter = citizen.locator('ol.timeline a[download]', { hasText: 'acte-naissance.pdf' });
  const [download] = await Promise.all([citizen.waitForEvent('download'), letter.click()]);
  assert.equal(download.suggestedFilename(), 'acte-naissance.pdf');
});

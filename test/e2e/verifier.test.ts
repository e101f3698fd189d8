// /verifier in a real browser: a code pasted without JavaScript gives VALID, then REVOKED once the clerk revokes it,
// garbage NOT VALID; where the browser reads QR codes itself (simulated here: Debian's Chromium has no BarcodeDetector)
// the camera button scans the document's QR code and answers. Pages pass axe-core; the strict CSP stays on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { assertAccessible, browserSkip, launchBrowser, newPage } from '../support/browser.ts';
import { newId } from '../../src/platform/db/ids.ts';
import { issueDocument, type IssuedDocument } from '../../src/modules/documents/index.ts';
import { revokeDocument } from '../../src/modules/documents/service.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let close: () => Promise<void>;
let doc: IssuedDocument;
/** The one test 1 revokes; the camera test scans `doc`. */
let revocable: IssuedDocument;

before(async () => {
  if (browserSkip) return;
  // No demo data needed: one administration issues one document.
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
  close = async () => {
    await browser.close();
    await t.close();
  };
  const issuer = newId();
  await t.ctx.db.insertInto('administrations').values({ id: issuer, code: 'ne-tgi-niamey', country: 'ne', parent_id: null, name: 'Tribunal de grande instance de Niamey', acronym: null }).execute();
  doc = await issueDocument(t.ctx, {
    kind: 'bulletin-3',
    issuerAdministrationId: issuer,
    holder: { name: 'Moussa Abdoulaye Garba', birthDate: '1985-06-14' },
    title: 'Bulletin n°3 du casier judiciaire',
    lines: [{ heading: 'Condamnations' }, { paragraph: 'Néant' }],
    place: 'Niamey',
    signatory: 'Le greffier en chef',
  });
  revocable = await issueDocument(t.ctx, {
    kind: 'bulletin-3',
    issuerAdministrationId: issuer,
    holder: { name: 'Moussa Abdoulaye Garba', birthDate: '1985-06-14' },
    title: 'Bulletin n°3 du casier judiciaire',
    lines: [{ heading: 'Condamnations' }, { paragraph: 'Néant' }],
    place: 'Niamey',
    signatory: 'Le greffier en chef',
  });
});
after(() => close?.());

const phonePage = (javaScriptEnabled = true) => newPage(browser, { viewport: { width: 360, height: 740 }, javaScriptEnabled });

test('typed or pasted, without JavaScript: VALID with the facts, NOT VALID for garbage', { skip: browserSkip }, async () => {
  const page = await phonePage(false);
  await page.goto(`${base}/verifier`);
  await page.getByLabel('Code de vérification').fill(revocable.code.replace(/(.{5})/g, '$1 '));
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.waitForURL(/\/verifier\?code=/);
  const verdict = page.getByRole('status').filter({ hasText: 'VALIDE' });
  await verdict.waitFor();
  const text = await verdict.innerText();
  assert.match(text, /Moussa Abdoulaye Garba/);
  assert.match(text, /14 juin 1985/);
  assert.match(text, new RegExp(revocable.reference));

  // Revoked (by the court's clerk, in the back office): the same code now says so, with the reason.
  const clerk = newId();
  await t.ctx.db.insertInto('users').values({ id: clerk, email: 'greffe@justice.ne', name: 'Greffier', role: 'agent', administration_id: null }).execute();
  const row = await t.ctx.db.selectFrom('documents').selectAll().where('id', '=', revocable.id).executeTakeFirstOrThrow();
  assert.deepEqual(await revokeDocument(t.ctx.db, { id: clerk }, row, 'Délivré à un homonyme'), { ok: true });
  await page.reload();
  const revoked = page.getByRole('alert').filter({ hasText: 'RÉVOQUÉ' });
  await revoked.waitFor();
  assert.match(await revoked.innerText(), /Délivré à un homonyme/);

  await page.getByLabel('Code de vérification').fill('0449KTHYVH5357AVK00');
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.getByRole('alert').filter({ hasText: 'NON VALIDE' }).waitFor();
  assert.match(await page.getByRole('alert').innerText(), /incomplet|mal recopié/);
  await page.context().close();
});

test('the camera button scans the QR code where the browser can read it, and answers', { skip: browserSkip }, async () => {
  const page = await phonePage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const qrText = `${t.config.publicUrl.toUpperCase()}/V/${doc.code}`;
  // What Chrome on Android offers: a QR reader and a camera (here a blank canvas stream).
  // As a string: a function would be rewritten by the TypeScript loader with helpers the page does not have.
  await page.addInitScript(`
    window.BarcodeDetector = class {
      static async getSupportedFormats() { return ['qr_code']; }
      async detect() { return [{ rawValue: ${JSON.stringify(qrText)}, format: 'qr_code' }]; }
    };
    navigator.mediaDevices.getUserMedia = async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      canvas.getContext('2d').fillRect(0, 0, 64, 64);
      return canvas.captureStream(5);
    };`);
  await page.goto(`${base}/verifier`);
  await assertAccessible(page);
  await page.getByRole('button', { name: "Scanner le code QR avec l'appareil photo" }).click();
  await page.waitForURL(/\/verifier\?code=/);
  await page.getByRole('status').filter({ hasText: 'VALIDE' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Moussa Abdoulaye Garba/);
  await assertAccessible(page);
  assert.deepEqual(errors, [], 'no script error, no CSP refusal');
  await page.context().close();
});

// Previews of a dossier's pieces in the agent's page (decision 0012): PDF and photos are sent inline, sealed
// (sandbox CSP, nosniff, framed by Guichet only, never cached) and audited; anything else — an SVG, bytes that
// are not what the record says — never is. The door is the download's: out of scope is a 404.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier, PDF, PNG } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { newId } from '../../platform/db/ids.ts';
import { kindOfHead } from './preview.ts';

let t: TestApp;
let dossier: { id: string; v: Visitor };
let files: { pdf: string; png: string };
let svgId = '';
let people: Record<'agent' | 'neighbour' | 'stranger' | 'manager' | 'expert', { id: string; v: Visitor }>;

before(async () => {
  t = await startTestApp({ seed: true });
  const { procedureId, own, other } = await administrationsOf(t, 'extrait-casier-judiciaire');
  const team = await makeTeam(t, own, 'Greffe');
  await processProcedure(t, procedureId, { defaultTeamId: team });
  dossier = await fileCasier(t);
  const rows = await t.ctx.db.selectFrom('dossier_attachments').select(['id', 'kind']).where('dossier_id', '=', dossier.id).execute();
  files = { pdf: rows.find((r) => r.kind === 'pdf')!.id, png: rows.find((r) => r.kind === 'png')!.id };
  people = {
    agent: await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [team] }),
    neighbour: await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [await makeTeam(t, own, 'Voisins')] }),
    stranger: await signedInStaff(t, { role: 'agent', administrationId: other, teamIds: [await makeTeam(t, other, 'Ailleurs')] }),
    manager: await signedInStaff(t, { role: 'manager', administrationId: own }),
    expert: await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [await makeTeam(t, own, 'Experts')] }),
  };
  const due = new Date(Date.now() + 7 * 86_400_000);
  await t.ctx.db.insertInto('dossier_opinions').values({ id: newId(), dossier_id: dossier.id, asked_by: people.agent.id, expert_id: people.expert.id, team_id: null, question: 'Avis ?', yes_no: false, due_at: due }).execute();
});
after(() => t.close());

const preview = (fileId: string) => `/agent/dossiers/${dossier.id}/pieces/${fileId}/apercu`;
const previews = () => t.ctx.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'dossier.preview').where('subject_id', '=', dossier.id).execute();

/** A file put on the dossier as if an upload had recorded it with this kind, holding these bytes. */
async function planted(kind: string, bytes: Buffer, owner: { messageId?: string } = {}): Promise<string> {
  const id = newId();
  const key = await t.ctx.blobs.put(bytes);
  const messageId = owner.messageId ?? null;
  await t.ctx.db.insertInto('dossier_attachments').values({ id, dossier_id: dossier.id, field: messageId ? null : 'acte_naissance', message_id: messageId, blob_key: key, name: `piece.${kind}`, kind, size: bytes.length, sha256: 'x' }).execute();
  return id;
}

test('a PDF is shown inline, sealed in a sandbox, and the preview is audited', async () => {
  const before = (await previews()).length;
  const res = await people.agent.v.get(preview(files.pdf));
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/pdf');
  assert.match(String(res.headers['content-disposition']), /^inline; filename="acte de naissance\.pdf"/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  const csp = String(res.headers['content-security-policy']);
  for (const part of ['sandbox', "default-src 'none'", "frame-ancestors 'self'", "form-action 'none'"]) assert.ok(csp.split(/;\s*/).includes(part), `CSP has ${part}: ${csp}`);
  assert.doesNotMatch(csp, /allow-scripts|allow-same-origin|script-src/, 'nothing may run');
  assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
  assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin');
  assert.equal(res.headers['cache-control'], 'private, no-store');
  assert.deepEqual(res.rawPayload, PDF);
  const entries = await previews();
  assert.equal(entries.length, before + 1);
  assert.deepEqual({ actor: entries.at(-1)!.actor_id, details: entries.at(-1)!.details }, { actor: people.agent.id, details: { file: files.pdf } });
});

test('a photo is shown inline as an image, to the manager too', async () => {
  const res = await people.manager.v.get(preview(files.png));
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'image/png');
  assert.match(String(res.headers['content-security-policy']), /^sandbox;/);
  assert.deepEqual(res.rawPayload, PNG);
});

test('an SVG, or bytes that are not what the record says, are never shown inline', async () => {
  const svg = (svgId = await planted('svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>')));
  const htmlAsPng = await planted('png', Buffer.from('<html><script>alert(document.cookie)</script></html>'));
  const htmlAsPdf = await planted('pdf', Buffer.from('<!doctype html><script>alert(1)</script>%PDF-1.4 %%EOF'));
  const before = (await previews()).length;
  for (const id of [svg, htmlAsPng, htmlAsPdf]) {
    const res = await people.agent.v.get(preview(id));
    assert.equal(res.statusCode, 404, `${id} is not previewed`);
    assert.match(String(res.headers['content-type']), /^text\/html/, 'the refusal is our own page');
    assert.doesNotMatch(res.body, /alert\(/, 'nothing of the file is echoed');
    assert.match(res.body, /ne peut pas être affiché dans la page/);
  }
  assert.equal((await previews()).length, before, 'no preview was recorded');
  // Their download stays what it was: an attachment.
  const download = await people.agent.v.get(`/agent/dossiers/${dossier.id}/pieces/${svg}`);
  assert.match(String(download.headers['content-disposition']), /^attachment;/);
});

test('kinds are recognised from the first bytes only', () => {
  assert.equal(kindOfHead(PDF.subarray(0, 16)), 'pdf');
  assert.equal(kindOfHead(PNG.subarray(0, 16)), 'png');
  assert.equal(kindOfHead(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'webp');
  assert.equal(kindOfHead(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'jpeg');
  assert.equal(kindOfHead(Buffer.from('<svg xmlns="http')), null);
  assert.equal(kindOfHead(Buffer.alloc(0)), null);
});

test('outside the scope a preview is a 404 and leaves no trace; an expert sees the answers\' files only', async () => {
  const before = (await previews()).length;
  for (const who of ['neighbour', 'stranger'] as const) {
    const res = await people[who].v.get(preview(files.pdf));
    assert.equal(res.statusCode, 404, who);
    assert.notEqual(res.headers['content-type'], 'application/pdf');
  }
  assert.equal((await previews()).length, before);
  assert.equal((await people.expert.v.get(preview(files.pdf))).statusCode, 200, 'the expert reads the form\'s files');
  const message = newId();
  await t.ctx.db.insertInto('dossier_messages').values({ id: message, dossier_id: dossier.id, author_id: null, from_applicant: true, body: 'Voici la lettre' }).execute();
  const letter = await planted('pdf', PDF, { messageId: message });
  assert.equal((await people.expert.v.get(preview(letter))).statusCode, 404, 'not the correspondence');
  assert.equal((await people.agent.v.get(preview(letter))).statusCode, 200, 'which the team reads');
  const anonymous = await dossier.v.get(preview(files.pdf));
  assert.notEqual(anonymous.statusCode, 200, 'the applicant has no agent door');
});

test('the dossier page lists the pieces, each preview folded and loaded only when opened', async () => {
  const page = await people.agent.v.get(`/agent/dossiers/${dossier.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h2 id="pieces-title">Pièces du dossier<\/h2>/);
  const frame = new RegExp(`<details class="preview"><summary>Aperçu</summary><iframe src="${preview(files.pdf)}" title="Aperçu de « acte de naissance.pdf »" loading="lazy">`);
  assert.match(page.body, frame);
  assert.match(page.body, new RegExp(`<img src="${preview(files.png)}" alt="Aperçu de « carte.png »" loading="lazy"/>`));
  assert.match(page.body, new RegExp(`href="/agent/dossiers/${dossier.id}/pieces/${files.pdf}" download`), 'the download stays beside it');
  assert.ok(page.body.includes(`/pieces/${svgId}" download>piece.svg`), 'the SVG planted above is listed for download');
  assert.ok(!page.body.includes(preview(svgId)), 'without a preview');
});

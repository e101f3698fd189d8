// A decision may carry one file (the signed letter): checked by its content and size like every upload,
// recorded in the decision's transaction, shown under the decision in both timelines, downloadable by the
// applicant and the agents in scope. A bad file, a stale page or a wrong state records nothing and leaves no
// stored bytes behind.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fileCasier, location, newApplicant, PDF, PNG } from '../../../test/support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../../../test/support/backoffice.ts';
import type { Visitor } from '../../../test/support/browser-session.ts';
import { newId } from '../../platform/db/ids.ts';
import { MB } from '../forms/field-file.ts';

let t: TestApp;
let people: Record<'agent' | 'neighbour' | 'stranger' | 'expert', { id: string; v: Visitor }>;

before(async () => {
  t = await startTestApp({ seed: true });
  const { procedureId, own, other } = await administrationsOf(t, 'extrait-casier-judiciaire');
  const team = await makeTeam(t, own, 'Greffe');
  await processProcedure(t, procedureId, { defaultTeamId: team });
  people = {
    agent: await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [team] }),
    neighbour: await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [await makeTeam(t, own, 'Voisins')] }),
    stranger: await signedInStaff(t, { role: 'agent', administrationId: other, teamIds: [await makeTeam(t, other, 'Ailleurs')] }),
    expert: await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [await makeTeam(t, own, 'Experts')] }),
  };
});
after(() => t.close());

const page = (id: string) => `/agent/dossiers/${id}`;
const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const outcome = (res: { headers: Record<string, unknown> }) => new URL(location(res), 'http://x').searchParams.get('fait');

/** Every stored blob, to see that a refused or unrecorded file left nothing behind. */
async function blobCount(): Promise<number> {
  const root = join(t.config.dataDir, 'files');
  const dirs = await readdir(root).catch(() => [] as string[]);
  let n = 0;
  for (const d of dirs) n += (await readdir(join(root, d))).filter((f) => !f.endsWith('.tmp')).length;
  return n;
}

/** What a decision could change: the dossier, its timeline, its files, the audit log, the messages queued. */
async function state(id: string) {
  const d = await t.ctx.db.selectFrom('dossiers').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  const count = async (table: 'dossier_events' | 'dossier_attachments') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('dossier_id', '=', id).executeTakeFirstOrThrow()).n);
  // Openings of the page are audited too; only decisions count here.
  const decisions = await t.ctx.db.selectFrom('audit_log').select('seq').where('subject_id', '=', id).where('action', '=', 'dossier.decision').execute();
  return { ...d, events: await count('dossier_events'), files: await count('dossier_attachments'), decisions: decisions.length, blobs: await blobCount() };
}

/** The agent opens the dossier, then sends the decision form as his browser would (multipart, with a file). */
async function decideWith(v: Visitor, id: string, fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const opened = await v.get(page(id));
  assert.equal(opened.statusCode, 200);
  const form = { version: versionOn(opened.body), ...fields };
  return v.postMultipart(`${page(id)}/decision`, form, file ? { piece: file } : {});
}

test('a refusal carries the signed letter: recorded with the decision, shown and downloadable on both sides', async () => {
  const filed = await fileCasier(t);
  const before = await state(filed.id);
  const letter = Buffer.concat([PDF.subarray(0, 9), Buffer.from('% lettre de refus signée\n'), PDF.subarray(9)]);
  const res = await decideWith(people.agent.v, filed.id, { action: 'refuse', motivation: 'Pièce d\'identité illisible.' }, { name: 'lettre de refus.pdf', data: letter });
  assert.equal(outcome(res), 'done');
  const after = await state(filed.id);
  assert.equal(after.status, 'refused');
  assert.equal(after.files, before.files + 1);
  assert.equal(after.blobs, before.blobs + 1);
  const row = await t.ctx.db.selectFrom('dossier_attachments').selectAll().where('dossier_id', '=', filed.id).where('event_id', 'is not', null).executeTakeFirstOrThrow();
  const event = await t.ctx.db.selectFrom('dossier_events').select(['id', 'kind']).where('id', '=', row.event_id!).executeTakeFirstOrThrow();
  assert.deepEqual([event.kind, row.name, row.kind, row.size, row.field, row.message_id], ['refused', 'lettre de refus.pdf', 'pdf', letter.length, null, null]);
  const audit = await t.ctx.db.selectFrom('audit_log').select('details').where('subject_id', '=', filed.id).where('action', '=', 'dossier.decision').executeTakeFirstOrThrow();
  assert.deepEqual(audit.details, { action: 'refuse', status: 'refused', file: row.id });

  // The applicant sees it under the decision and downloads it.
  const mine = await filed.v.get(`/dossiers/${filed.id}`);
  const href = `/dossiers/${filed.id}/pieces/${row.id}`;
  assert.match(mine.body, new RegExp(`Dossier refusé[\\s\\S]*?Pièce jointe : <a href="${href}" download>lettre de refus\\.pdf</a>`));
  const download = await filed.v.get(href);
  assert.equal(download.statusCode, 200);
  assert.match(String(download.headers['content-disposition']), /^attachment;/);
  assert.deepEqual(download.rawPayload, letter);
  // Another applicant does not.
  const other = await newApplicant(t);
  assert.equal((await other.get(href)).statusCode, 404);

  // The agent sees it in the timeline and among the pieces; his download is audited.
  const agentPage = await people.agent.v.get(page(filed.id));
  const agentHref = `/agent/dossiers/${filed.id}/pieces/${row.id}`;
  assert.match(agentPage.body, new RegExp(`Pièce jointe : <a href="${agentHref}" download>lettre de refus\\.pdf</a>`));
  assert.match(agentPage.body, /jointe à une décision/);
  const agentDownload = await people.agent.v.get(agentHref);
  assert.deepEqual(agentDownload.rawPayload, letter);
  const downloads = await t.ctx.db.selectFrom('audit_log').select('details').where('subject_id', '=', filed.id).where('action', '=', 'dossier.download').execute();
  assert.deepEqual(downloads.map((d) => d.details), [{ file: row.id }]);
  // Out of scope: a 404; an expert asked for an opinion reads the form's files, not the decision's.
  for (const who of ['neighbour', 'stranger'] as const) assert.equal((await people[who].v.get(agentHref)).statusCode, 404, who);
  await t.ctx.db.insertInto('dossier_opinions').values({ id: newId(), dossier_id: filed.id, asked_by: people.agent.id, expert_id: people.expert.id, team_id: null, question: 'Avis ?', yes_no: false, due_at: new Date(Date.now() + 86_400_000) }).execute();
  assert.equal((await people.expert.v.get(agentHref)).statusCode, 404, 'expert');
});

test('a decision without a file still works, urlencoded or multipart', async () => {
  const a = await fileCasier(t);
  assert.equal(outcome(await decideWith(people.agent.v, a.id, { action: 'accept', motivation: '' })), 'done');
  const b = await fileCasier(t);
  const opened = await people.agent.v.get(page(b.id));
  const res = await people.agent.v.post(`${page(b.id)}/decision`, { action: 'close', motivation: 'Doublon', version: versionOn(opened.body) });
  assert.equal(outcome(res), 'done');
  for (const id of [a.id, b.id]) {
    const files = await t.ctx.db.selectFrom('dossier_attachments').select('id').where('dossier_id', '=', id).where('event_id', 'is not', null).execute();
    assert.equal(files.length, 0);
  }
});

test('a bad file is refused with a clear message and nothing is recorded or kept', async () => {
  const filed = await fileCasier(t);
  const before = await state(filed.id);
  const bad = [
    { name: 'lettre.svg', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
    { name: 'lettre.pdf', data: Buffer.from('<html>pas un PDF</html>') },
    { name: 'vide.pdf', data: Buffer.alloc(0) },
    { name: 'tronque.pdf', data: PDF.subarray(0, 30) },
    { name: 'enorme.png', data: Buffer.concat([PNG, Buffer.alloc(10 * MB)]) },
  ];
  for (const file of bad) {
    const res = await decideWith(people.agent.v, filed.id, { action: 'accept', motivation: 'Conforme' }, file);
    assert.equal(outcome(res), 'file', file.name);
    assert.deepEqual(await state(filed.id), before, `${file.name}: nothing changed`);
  }
  const shown = await people.agent.v.get(`${page(filed.id)}?fait=file`);
  assert.match(shown.body, /Le fichier joint n'a pas été accepté : il faut un PDF ou une photo \(JPEG, PNG, WebP\), non vide, de 10 Mo au plus\. Rien n'a été enregistré\./);
});

test('a stale page or a wrong state records no decision, no file row, and deletes the stored bytes', async () => {
  const filed = await fileCasier(t);
  const opened = await people.agent.v.get(page(filed.id));
  const version = versionOn(opened.body);
  // Someone else decides first.
  assert.equal(outcome(await people.agent.v.post(`${page(filed.id)}/decision`, { action: 'review', version })), 'done');
  const before = await state(filed.id);
  const stale = await people.agent.v.postMultipart(`${page(filed.id)}/decision`, { action: 'accept', motivation: '', version }, { piece: { name: 'lettre.pdf', data: PDF } });
  assert.equal(outcome(stale), 'stale');
  assert.deepEqual(await state(filed.id), before, 'stale: nothing recorded, the bytes deleted');
  // A refusal without motivation.
  const unmotivated = await decideWith(people.agent.v, filed.id, { action: 'refuse', motivation: ' ' }, { name: 'lettre.pdf', data: PDF });
  assert.equal(outcome(unmotivated), 'motivation');
  assert.deepEqual(await state(filed.id), before);
  // A move that takes no file (reopen, take up) is refused with one, as a state that cannot take it.
  assert.equal(outcome(await decideWith(people.agent.v, filed.id, { action: 'accept', motivation: '' })), 'done');
  const decided = await state(filed.id);
  const reopen = await decideWith(people.agent.v, filed.id, { action: 'reopen' }, { name: 'lettre.pdf', data: PDF });
  assert.equal(outcome(reopen), 'state');
  // Deciding a dossier already decided.
  const again = await decideWith(people.agent.v, filed.id, { action: 'refuse', motivation: 'Non' }, { name: 'lettre.pdf', data: PDF });
  assert.equal(outcome(again), 'state');
  assert.deepEqual(await state(filed.id), decided);
});

test('outside the scope the decision route refuses before reading the file', async () => {
  const filed = await fileCasier(t);
  const before = await state(filed.id);
  await people.agent.v.get(page(filed.id));
  for (const who of ['neighbour', 'stranger', 'expert'] as const) {
    await people[who].v.get('/agent');
    const res = await people[who].v.postMultipart(`${page(filed.id)}/decision`, { action: 'accept', motivation: '', version: String(before.version) }, { piece: { name: 'lettre.pdf', data: PDF } });
    assert.equal(res.statusCode, 404, who);
  }
  assert.deepEqual(await state(filed.id), before);
});

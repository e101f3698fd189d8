// The one statement that files a submission (store.markSubmitted): written only if the draft is still the
// version that was checked, with its event, its receipt and the files the final check left out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { fillCasier, newApplicant, startCasier } from '../../../test/support/applicant.ts';
import { newId } from '../../platform/db/ids.ts';
import type { Answers } from '../forms/index.ts';
import * as store from './store.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ seed: true });
});
after(() => t.close());

/** The row's version as the submission reads it (its xmin). */
const versionOf = async (id: string) => (await sql<{ v: string }>`SELECT xmin::text AS v FROM dossiers WHERE id = ${id}`.execute(t.ctx.db)).rows[0]!.v;

async function filledDraft() {
  const v = await newApplicant(t);
  const id = await startCasier(v);
  await fillCasier(v, id);
  const row = await t.ctx.db.selectFrom('dossiers').select(['applicant_id', 'answers']).where('id', '=', id).executeTakeFirstOrThrow();
  const version = await versionOf(id);
  const { administration_id } = await t.ctx.db.selectFrom('procedures').select('administration_id').where('slug', '=', 'extrait-casier-judiciaire').executeTakeFirstOrThrow();
  const filing = (key: string) => ({
    id,
    key,
    reference: `DOS-2026-${id.slice(-6)}`,
    answers: row.answers as Answers,
    at: new Date(),
    eventId: newId(),
    actorId: row.applicant_id!,
    teamId: null,
    administrationId: administration_id,
    dueAt: null,
  });
  return { id, version, filing };
}

const count = async (table: 'dossier_events' | 'dossier_attachments', id: string) =>
  Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('dossier_id', '=', id).executeTakeFirstOrThrow()).n);

test('a draft changed since it was checked is not filed; its current version is, with its event and its receipt', async () => {
  const { id, version, filing } = await filledDraft();
  await store.saveDraftAnswers(t.ctx.db, id, filing(`k${id}`).answers);
  const receipt = { channel: 'sms' as const, to: '+22790000077', body: `Reçu ${id}` };
  assert.equal(await store.markSubmitted(t.ctx.db, { ...filing(`k${id}`), version, receipt }), null);
  const still = await t.ctx.db.selectFrom('dossiers').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(still.status, 'draft');
  assert.equal(await count('dossier_events', id), 0);

  const current = await versionOf(id);
  assert.deepEqual(await store.markSubmitted(t.ctx.db, { ...filing(`k${id}`), version: current, receipt }), { staleBlobs: [] });
  assert.equal(await count('dossier_events', id), 1);
  const sent = await t.ctx.db.selectFrom('notifications').select('id').where('body', '=', `Reçu ${id}`).execute();
  assert.equal(sent.length, 1);
  const job = await t.ctx.db.selectFrom('jobs').select('payload').where('payload', '@>', JSON.stringify({ notificationId: sent[0]!.id }) as never).execute();
  assert.equal(job.length, 1, 'the receipt has its delivery job');
  // Once filed, no second filing.
  assert.equal(await store.markSubmitted(t.ctx.db, { ...filing(`k2${id}`), version: current }), null);
});

test('answer files the final check left out are deleted with the filing, and their blobs named', async () => {
  const { id, filing } = await filledDraft();
  const files = await t.ctx.db.selectFrom('dossier_attachments').select(['id', 'blob_key']).where('dossier_id', '=', id).orderBy('id').execute();
  assert.equal(files.length, 2);
  const filed = await store.markSubmitted(t.ctx.db, { ...filing(`k${id}`), keepFiles: [files[0]!.id] });
  assert.deepEqual(filed, { staleBlobs: [files[1]!.blob_key] });
  assert.equal(await count('dossier_attachments', id), 1);

  const other = await filledDraft();
  const none = await store.markSubmitted(t.ctx.db, { ...other.filing(`k${other.id}`), keepFiles: [] });
  assert.equal(none?.staleBlobs.length, 2);
  assert.equal(await count('dossier_attachments', other.id), 0);
});

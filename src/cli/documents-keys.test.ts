// The operator's key commands: rotation retires the active key for a new one, and says so; a wrong name fails.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { issueDocument, verifyCode } from '../modules/documents/index.ts';
import { documentsKeys, documentsRotateKey } from './documents-keys.ts';
import { newId } from '../platform/db/ids.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
  await t.ctx.db.insertInto('administrations').values({ id: newId(), code: 'sn-dgid', country: 'sn', parent_id: null, name: 'Direction générale des impôts et des domaines', acronym: 'DGID' }).execute();
});
after(() => t.close());

async function capture(work: () => Promise<number>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = console.error = (...args: unknown[]) => void lines.push(args.join(' '));
  try {
    return { code: await work(), out: lines.join('\n') };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

test('documents-rotate-key retires the key for a new one; documents sealed before stay valid', async () => {
  const admin = await t.ctx.db.selectFrom('administrations').select(['id', 'code']).orderBy('code').executeTakeFirstOrThrow();
  const doc = await issueDocument(t.ctx, { kind: 'acceptance', issuerAdministrationId: admin.id, holder: { name: 'Awa Diop' }, title: 'Décision', lines: [], place: 'Dakar', signatory: 'Le directeur' });
  const before = await t.ctx.db.selectFrom('document_keys').select('id').where('administration_id', '=', admin.id).executeTakeFirstOrThrow();
  const rotated = await capture(() => documentsRotateKey(t.ctx.db, t.config.documentsMasterKey, [admin.code]));
  assert.equal(rotated.code, 0);
  assert.match(rotated.out, new RegExp(`key ${before.id} retired`));
  const listed = await capture(() => documentsKeys(t.ctx.db));
  assert.match(listed.out, new RegExp(`${before.id}\\tretired`));
  assert.equal((listed.out.match(new RegExp(`^${admin.code}\\t.*\\tactive`, 'gm')) ?? []).length, 1, 'one active key');
  assert.equal((await verifyCode(t.ctx.db, doc.code)).status, 'valid');
  const wrong = await capture(() => documentsRotateKey(t.ctx.db, t.config.documentsMasterKey, ['nulle-part']));
  assert.equal(wrong.code, 1);
  assert.match(wrong.out, /no administration nulle-part/);
});

// The standalone verifier (tools/verify-document.mjs) checks documents issued by the server with nothing but
// the published keys file: run as a separate process, with no server and no project code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { newId } from '../../platform/db/ids.ts';
import { issueDocument, rotateKey, type DocumentContent } from './index.ts';

const SCRIPT = new URL('../../../tools/verify-document.mjs', import.meta.url).pathname;

let t: TestApp;
let dir: string;
let issuer: string;

before(async () => {
  t = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'guichet-verify-'));
  issuer = newId();
  await t.ctx.db.insertInto('administrations').values({ id: issuer, code: 'ne-maradi-etat-civil', country: 'ne', parent_id: null, name: "Centre d'état civil de Maradi", acronym: null }).execute();
});
after(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const content = (name: string): DocumentContent => ({
  kind: 'birth-act-extract',
  issuerAdministrationId: issuer,
  holder: { name, birthDate: '2024-02-29' },
  title: "Extrait d'acte de naissance",
  lines: [{ label: 'Acte n°', value: '2024/117' }, { label: 'Lieu de naissance', value: 'Maradi' }],
  place: 'Maradi',
  signatory: "L'officier de l'état civil",
});

function run(args: string[], stdin?: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    // A bare environment and another working directory: nothing of the project is at hand.
    const child = execFile(process.execPath, [SCRIPT, ...args], { cwd: dir, env: {}, timeout: 20_000 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(err);
      resolve({ code: typeof err?.code === 'number' ? err.code : 0, out: stdout + stderr });
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

async function save(name: string, data: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
}

async function keysFile(): Promise<string> {
  return save('guichet-keys.json', (await t.app.inject({ url: '/.well-known/guichet-keys.json' })).body);
}

test('a code verifies offline with only the keys file; tampering is NOT VALID', async () => {
  const doc = await issueDocument(t.ctx, content('Zeinabou Garba'));
  const keys = await keysFile();
  let r = await run(['--keys', keys, doc.code]);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /^VALID/);
  assert.match(r.out, /Zeinabou Garba, born 2024-02-29/);
  assert.match(r.out, new RegExp(doc.reference));
  // Typed as printed, in groups, from standard input.
  r = await run(['--keys', keys, '-'], doc.code.replace(/(.{5})/g, '$1 ').toLowerCase());
  assert.equal(r.code, 0, r.out);
  const flipped = doc.code.slice(0, 80) + (doc.code[80] === 'A' ? 'B' : 'A') + doc.code.slice(81);
  r = await run(['--keys', keys, flipped]);
  assert.equal(r.code, 1);
  assert.match(r.out, /NOT VALID/);
  r = await run(['--keys', keys, doc.code.slice(0, -30)]);
  assert.equal(r.code, 1);
  assert.match(r.out, /NOT VALID/);
  r = await run(['--keys', keys, 'n importe quoi']);
  assert.equal(r.code, 1);
});

test('the PDF alone verifies: its code and its sealed content; an altered content is caught', async () => {
  const doc = await issueDocument(t.ctx, content('Ibrahim Souley'));
  const keys = await keysFile();
  const pdf = await save('extrait.pdf', doc.pdf);
  const r = await run(['--keys', keys, '--pdf', pdf]);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /Lieu de naissance: Maradi/);
  // Someone rewrites the attached content (Maradi → Niamey) and fixes the stream length: the hash betrays it.
  const bytes = Buffer.from(doc.pdf);
  const text = bytes.toString('latin1');
  const at = text.indexOf('/Type /EmbeddedFile');
  const streamAt = text.indexOf('stream', at) + 'stream\n'.length;
  const length = Number(/\/Length (\d+)/.exec(text.slice(at, streamAt))![1]);
  const forged = deflateSync(Buffer.from(inflateSync(bytes.subarray(streamAt, streamAt + length)).toString('utf8').replace('Maradi', 'Niamey')));
  const head = text.slice(0, at) + text.slice(at, streamAt).replace(`/Length ${length}`, `/Length ${forged.length}`);
  const altered = Buffer.concat([Buffer.from(head, 'latin1'), forged, bytes.subarray(streamAt + length)]);
  const bad = await run(['--keys', keys, '--pdf', await save('altered.pdf', altered)]);
  assert.equal(bad.code, 1, bad.out);
  assert.match(bad.out, /sealed content does not match/);
});

test('after a rotation the old key still verifies its documents; a revocation list marks one REVOKED', async () => {
  const before = await issueDocument(t.ctx, content('Hadiza Mamane'));
  await rotateKey(t.ctx.db, t.config.documentsMasterKey, issuer);
  const afterRotation = await issueDocument(t.ctx, content('Hadiza Mamane'));
  const keys = await keysFile();
  assert.equal((await run(['--keys', keys, before.code])).code, 0);
  assert.equal((await run(['--keys', keys, afterRotation.code])).code, 0);
  const revocations = await save('revocations.json', JSON.stringify({ format: 'guichet-revocations/1', revoked: [{ reference: before.reference, revokedAt: '2026-11-28T10:00:00.000Z' }] }));
  const r = await run(['--keys', keys, '--revocations', revocations, '--json', before.code]);
  assert.equal(r.code, 2);
  assert.equal(JSON.parse(r.out).status, 'revoked');
  // Without the issuer's keys, nothing verifies.
  const empty = await save('no-keys.json', JSON.stringify({ format: 'guichet-keys/1', administrations: [], keys: [] }));
  const unknown = await run(['--keys', empty, afterRotation.code]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.out, /no administration has published/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { localBlobStore } from './blobs.ts';
import { storeDocument } from './upload.ts';

const chunks = (data: Buffer, size = 7000) => Readable.from(Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size)));

async function store() {
  const root = await mkdtemp(join(tmpdir(), 'guichet-blobs-'));
  const files = async () => (await readdir(root, { recursive: true })).filter((n) => /[0-9A-Z]{26}$/.test(String(n)));
  return { blobs: localBlobStore(root), files };
}

test('a PDF arriving in pieces is stored whole, with its SHA-256 and size', async () => {
  const { blobs } = await store();
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(50_000, 0x41), Buffer.from('\n%%EOF\n')]);
  const result = await storeDocument(blobs, chunks(pdf), 1_000_000);
  assert.ok(result.ok);
  assert.equal(result.kind, 'pdf');
  assert.equal(result.size, pdf.length);
  assert.equal(result.sha256, createHash('sha256').update(pdf).digest('hex'));
  const stream = await blobs.get(result.key);
  const back: Buffer[] = [];
  for await (const c of stream!) back.push(c as Buffer);
  assert.deepEqual(Buffer.concat(back), pdf);
});

test('refused files leave nothing in the store', async () => {
  const { blobs, files } = await store();
  const cut = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(50_000, 0x41)]);
  assert.deepEqual(await storeDocument(blobs, chunks(cut), 1_000_000), { ok: false, reason: 'kind' });
  assert.deepEqual(await storeDocument(blobs, chunks(Buffer.from('MZ\x90\x00 program')), 1_000_000), { ok: false, reason: 'kind' });
  assert.deepEqual(await storeDocument(blobs, Readable.from([]), 1_000_000), { ok: false, reason: 'empty' });
  const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(30_000), Buffer.from('%%EOF')]);
  assert.deepEqual(await storeDocument(blobs, chunks(big), 20_000), { ok: false, reason: 'too-large' });
  assert.deepEqual(await files(), []);
});

test('a small PNG is recognised from its first bytes', async () => {
  const { blobs, files } = await store();
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const result = await storeDocument(blobs, Readable.from([png]), 100);
  assert.ok(result.ok && result.kind === 'png');
  assert.equal((await files()).length, 1);
});

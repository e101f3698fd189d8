// The S3 store against a real S3 server speaking HTTP on 127.0.0.1 (fauxqs, in this process): every call goes
// through the SDK, signed, over the wire to the server's S3 routes, as it would to MinIO, Garage or Ceph (which,
// unlike fauxqs, also check the signature: see docs/decisions/0007). The server's request log lets the tests
// see what crossed the wire (multipart parts, aborts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { CreateBucketCommand, ListObjectsV2Command, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { buildApp } from 'fauxqs';
import { s3BlobStore, type S3Settings } from './s3-blobs.ts';
import { storeDocument } from './upload.ts';
import type { BlobStore } from './blobs.ts';

const MiB = 1024 * 1024;
const Bucket = 'guichet-test';
const server = buildApp({ logger: false });
const requests: { method: string; url: string; status: number }[] = [];
let settings: S3Settings;
let admin: S3Client;
let blobs: BlobStore;
/** Called when the server starts reading a request: lets a test see how far its source was read by then. */
let onRequest: (url: string) => void = () => {};

before(async () => {
  server.addHook('onRequest', async (req) => onRequest(req.url));
  server.addHook('onResponse', async (req, reply) => {
    requests.push({ method: req.method, url: req.url, status: reply.statusCode });
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const { port } = server.server.address() as AddressInfo;
  settings = {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket: Bucket,
    accessKeyId: 'guichet',
    secretAccessKey: 'guichet-secret',
    forcePathStyle: true,
  };
  admin = new S3Client({ ...settings, credentials: { accessKeyId: 'guichet', secretAccessKey: 'guichet-secret' } });
  await admin.send(new CreateBucketCommand({ Bucket }));
  blobs = s3BlobStore(settings);
});

after(async () => {
  admin?.destroy();
  await server.close();
});

async function read(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

async function keysInBucket(): Promise<string[]> {
  const listed = await admin.send(new ListObjectsV2Command({ Bucket }));
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** `total` bytes in 64 KiB chunks, made as they are read (never held whole), counting what was read. */
function source(total: number, failAt?: number) {
  const seen = { produced: 0 };
  const hash = createHash('sha256');
  const stream = new Readable({
    read() {
      if (failAt !== undefined && seen.produced >= failAt) return this.destroy(new Error('upload cut off'));
      if (seen.produced >= total) return this.push(null);
      const chunk = randomBytes(Math.min(64 * 1024, total - seen.produced));
      seen.produced += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, seen, digest: () => hash.digest('hex') };
}

test('bytes put are the bytes got back', async () => {
  const data = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(100_000)]);
  const key = await blobs.put(data);
  assert.match(key, /^[0-9A-Z]{26}$/);
  assert.deepEqual(await read((await blobs.get(key))!), data);
  assert.ok((await keysInBucket()).includes(key));
});

test('a stream of several MB goes up in parts while it is read, and comes back whole', async () => {
  const { stream, seen, digest } = source(13 * MiB);
  const readAtPart: number[] = [];
  onRequest = (url) => {
    if (/[?&]partNumber=\d+/.test(url)) readAtPart.push(seen.produced);
  };
  const key = await blobs.putStream(stream);
  onRequest = () => {};
  // 13 MiB in 5 MiB parts: 3 parts of one multipart upload, completed.
  const mine = requests.filter((r) => r.url.startsWith(`/${Bucket}/${key}`));
  assert.equal(mine.filter((r) => r.method === 'POST' && r.url.includes('uploads')).length, 1);
  assert.equal(mine.filter((r) => r.method === 'PUT' && r.url.includes('partNumber=')).length, 3);
  assert.ok(mine.every((r) => r.status < 300));
  // When part n is sent, not much more than n parts were read: the source is not drained into memory first.
  readAtPart.forEach((read, i) => assert.ok(read <= (i + 2) * 5 * MiB, `part ${i + 1} sent after ${read} bytes read`));
  const back = await read((await blobs.get(key))!);
  assert.equal(back.length, 13 * MiB);
  assert.equal(sha256(back), digest());
});

test('a short stream is one plain PUT', async () => {
  const key = await blobs.putStream(Readable.from([Buffer.from('bonjour '), Buffer.from('Niamey')]));
  assert.equal((await read((await blobs.get(key))!)).toString(), 'bonjour Niamey');
  assert.ok(!requests.some((r) => r.url.startsWith(`/${Bucket}/${key}?uploads`)));
});

test('an unknown key gives null; a deleted one too', async () => {
  assert.equal(await blobs.get('01JZZZZZZZZZZZZZZZZZZZZZZZ'), null);
  const key = await blobs.put(Buffer.from('à supprimer'));
  await blobs.delete(key);
  assert.equal(await blobs.get(key), null);
  assert.ok(!(await keysInBucket()).includes(key));
  await blobs.delete(key); // deleting twice is not an error (a retried cleanup)
});

test('a stream that fails after parts were sent: the error comes back and nothing is left', async () => {
  const before = await keysInBucket();
  const { stream } = source(20 * MiB, 12 * MiB);
  const sent = requests.length;
  await assert.rejects(blobs.putStream(stream), /upload cut off/);
  const mine = requests.slice(sent);
  const uploadId = /[?&]uploadId=([^&]+)/.exec(mine.find((r) => r.url.includes('partNumber='))?.url ?? '')?.[1];
  assert.ok(uploadId, 'parts were sent before the failure');
  assert.ok(mine.some((r) => r.method === 'DELETE' && r.url.includes(`uploadId=${uploadId}`) && r.status === 204), 'upload aborted');
  assert.deepEqual(await keysInBucket(), before);
  // The aborted upload is gone from the server, parts and all: it takes no more parts.
  const key = /^\/[^/]+\/([0-9A-Z]{26})/.exec(mine[0]!.url)![1]!;
  await assert.rejects(
    admin.send(new UploadPartCommand({ Bucket, Key: key, UploadId: decodeURIComponent(uploadId), PartNumber: 3, Body: Buffer.from('x') })),
    { name: 'NoSuchUpload' },
  );
});

test('a stream that fails before its first part is full sends nothing', async () => {
  const before = await keysInBucket();
  const sent = requests.length;
  await assert.rejects(blobs.putStream(source(4 * MiB, 1 * MiB).stream), /upload cut off/);
  // Only the cleanup's DELETE of a key that was never written may have crossed the wire.
  assert.deepEqual(requests.slice(sent).filter((r) => r.method !== 'DELETE'), []);
  assert.deepEqual(await keysInBucket(), before);
});

test('keys that are not ours are refused before reaching the bucket', async () => {
  const sent = requests.length;
  assert.equal(await blobs.get('../../etc/passwd'), null);
  assert.equal(await blobs.get('01jzzzzzzzzzzzzzzzzzzzzzzz'), null);
  await assert.rejects(blobs.delete('guichet-test/other'), /invalid blob key/);
  assert.equal(requests.length, sent);
});

test('a missing bucket is an error, not a missing file', async () => {
  const wrong = s3BlobStore({ ...settings, bucket: 'no-such-bucket' });
  await assert.rejects(wrong.get('01JZZZZZZZZZZZZZZZZZZZZZZZ'), { name: 'NoSuchBucket' });
});

test('storeDocument keeps a PDF on S3 with its hash, and leaves nothing of a refused file', async () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(6 * MiB), Buffer.from('\n%%EOF\n')]);
  const pieces = Readable.from(Array.from({ length: Math.ceil(pdf.length / 7000) }, (_, i) => pdf.subarray(i * 7000, (i + 1) * 7000)));
  const result = await storeDocument(blobs, pieces, 10 * MiB);
  assert.ok(result.ok);
  assert.equal(result.kind, 'pdf');
  assert.equal(result.size, pdf.length);
  assert.equal(result.sha256, sha256(pdf));
  assert.deepEqual(await read((await blobs.get(result.key))!), pdf);

  const before = await keysInBucket();
  const disguised = Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(6 * MiB)]);
  assert.deepEqual(await storeDocument(blobs, Readable.from([disguised]), 10 * MiB), { ok: false, reason: 'kind' });
  const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2 * MiB), Buffer.from('%%EOF')]);
  assert.deepEqual(await storeDocument(blobs, Readable.from([big]), 1 * MiB), { ok: false, reason: 'too-large' });
  assert.deepEqual(await keysInBucket(), before);
});

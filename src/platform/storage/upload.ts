// One uploaded document, streamed into the blob store while its SHA-256, size and kind are worked out on the
// way. A file that is too large, empty or not a document we accept is deleted before anyone sees it.
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { BlobStore } from './blobs.ts';
import { sniffDocument, type DocumentKind } from './file-kinds.ts';

export type UploadResult =
  | { ok: true; key: string; size: number; sha256: string; kind: DocumentKind }
  | { ok: false; reason: 'too-large' | 'empty' | 'kind' };

const HEAD = 64;
const TAIL = 1024;

export async function storeDocument(blobs: BlobStore, source: Readable, maxBytes: number): Promise<UploadResult> {
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  let tooLarge = false;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      // Past the limit the rest is read (the request must be consumed) but neither hashed nor written.
      if (size > maxBytes) tooLarge = true;
      if (tooLarge) return done();
      hash.update(chunk);
      if (head.length < HEAD) head = Buffer.concat([head, chunk.subarray(0, HEAD - head.length)]);
      tail = Buffer.concat([tail, chunk]).subarray(-TAIL);
      done(null, chunk);
    },
  });
  // A request cut off mid-file (a dropped 2G link, a malformed body) fails the source: the failure must reach
  // the store, which then removes its partial file, instead of leaving the write waiting forever.
  // The request may have failed before this file is read: the stream is then already destroyed.
  if (source.destroyed) throw source.errored ?? new Error('upload cut off');
  source.once('error', (err) => meter.destroy(err));
  const key = await blobs.putStream(source.pipe(meter));
  const kind = tooLarge || size === 0 ? null : sniffDocument(size <= TAIL ? tail : Buffer.concat([head, tail]));
  if (tooLarge || size === 0 || !kind) {
    await blobs.delete(key);
    return { ok: false, reason: tooLarge ? 'too-large' : size === 0 ? 'empty' : 'kind' };
  }
  return { ok: true, key, size, sha256: hash.digest('hex'), kind };
}

// Where uploaded files live: a local directory by default (outside any web root). An S3-compatible store
// implements the same interface for deployments with several instances.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { newId } from '../db/ids.ts';

export interface BlobStore {
  put(data: Buffer): Promise<string>;
  /** Stores a stream as it arrives (uploads are never held whole in memory); nothing is kept if it fails. */
  putStream(data: Readable): Promise<string>;
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
}

export function localBlobStore(root: string): BlobStore {
  // Keys are generated here (never from user input), so they cannot walk out of the root.
  const pathOf = (key: string) => {
    if (!/^[0-9A-Z]{26}$/.test(key)) throw new Error('invalid blob key');
    return join(root, key.slice(0, 2), key);
  };
  return {
    async put(data) {
      const key = newId();
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Write, flush, then rename: neither a crash nor a power cut leaves a half-written file under a valid
      // key, and the file is on disk before the row that names it is committed (docs/reliability.md).
      await writeFile(`${path}.tmp`, data, { flush: true });
      await settle(`${path}.tmp`, path);
      return key;
    },
    async putStream(data) {
      const key = newId();
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      try {
        await pipeline(data, createWriteStream(`${path}.tmp`, { flush: true }));
      } catch (err) {
        await rm(`${path}.tmp`, { force: true });
        throw err;
      }
      await settle(`${path}.tmp`, path);
      return key;
    },
    async get(key) {
      let path: string;
      try {
        path = pathOf(key);
        await stat(path);
      } catch {
        return null;
      }
      return createReadStream(path);
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** Gives a flushed file its final name and flushes the directory, so that the name survives a power cut too. */
async function settle(from: string, to: string): Promise<void> {
  await rename(from, to);
  const dir = await open(dirname(to), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

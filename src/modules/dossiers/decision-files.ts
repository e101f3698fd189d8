// The file an agent may attach to a decision (a signed letter, a certificate): one PDF or photo, judged by its
// content and size like every upload. It is streamed to the blob store while the form is read, before the
// decision; `decide` records it in the decision's own transaction. When no decision is recorded (bad file,
// stale page, wrong state, a failure) the stored bytes are deleted here, so nothing is left that no row names.
import type { FastifyRequest } from 'fastify';
import type { BlobStore } from '../../platform/storage/blobs.ts';
import { newId } from '../../platform/db/ids.ts';
import type { FormBody } from '../forms/index.ts';
import { MB } from '../forms/field-file.ts';
import { readPageBody } from './page-body.ts';
import type { DecisionFile } from './decisions.ts';

/** The form's file input, and its limit: a scanned letter of a few pages fits. */
export const DECISION_FILE = 'piece';
export const DECISION_FILE_MB = 10;

export type DecisionForm =
  | { ok: true; body: FormBody; file?: DecisionFile }
  /** The file was refused (too large, empty, not a PDF/JPEG/PNG/WebP) and already deleted. */
  | { ok: false; body: FormBody; reason: 'too-large' | 'empty' | 'kind' };

/** Reads the decision form, urlencoded (no file) or multipart (an optional file under `piece`). */
export async function readDecisionForm(req: FastifyRequest, blobs: BlobStore): Promise<DecisionForm> {
  const { body, uploads } = await readPageBody(req, blobs, { files: 1, fileLimit: (name) => (name === DECISION_FILE ? DECISION_FILE_MB * MB : undefined) });
  const upload = uploads[DECISION_FILE];
  if (!upload) return { ok: true, body };
  const { result } = upload;
  if (!result.ok) return { ok: false, body, reason: result.reason };
  return { ok: true, body, file: { id: newId(), blobKey: result.key, name: upload.name, kind: result.kind, size: result.size, sha256: result.sha256 } };
}

/**
 * Runs the decision; its file's bytes stay only if it was recorded. A failure is thrown again once the bytes
 * are gone (the transaction rolled back: no row names them).
 */
export async function keepingFileIfDone<T extends { ok: boolean }>(blobs: BlobStore, file: DecisionFile | undefined, run: () => Promise<T>): Promise<T> {
  if (!file) return run();
  let result: T;
  try {
    result = await run();
  } catch (err) {
    await blobs.delete(file.blobKey).catch(() => {});
    throw err;
  }
  if (!result.ok) await blobs.delete(file.blobKey);
  return result;
}

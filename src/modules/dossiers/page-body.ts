// The body of a form page: urlencoded, or multipart when the page has file inputs. Files are streamed into
// the blob store as they arrive, each checked against the limit of the field it answers; a file input that
// is not a file field of this page is read and thrown away.
import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '../../platform/http/errors.tsx';
import type { BlobStore } from '../../platform/storage/blobs.ts';
import { storeDocument } from '../../platform/storage/upload.ts';
import type { FormBody } from '../forms/index.ts';
import { MB } from '../forms/field-file.ts';
import type { UploadedFile } from './drafts.ts';

export interface PageBody {
  body: FormBody;
  uploads: Record<string, UploadedFile>;
}

/** Limits of one page: the largest allowed file, how many, and the text fields around them. */
export interface BodyLimits {
  /** Maximum size in bytes of the file answering `path`, or undefined when `path` takes no file here. */
  fileLimit(path: string): number | undefined;
  files: number;
}

export async function readPageBody(req: FastifyRequest, blobs: BlobStore, limits: BodyLimits): Promise<PageBody> {
  if (!req.isMultipart()) return { body: (req.body ?? {}) as FormBody, uploads: {} };
  const body: FormBody = {};
  const uploads: Record<string, UploadedFile> = {};
  const parts = req.parts({ limits: { fileSize: 50 * MB + 1, files: Math.max(1, limits.files), fields: 2000, fieldSize: 200_000 } });
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        const value = typeof part.value === 'string' ? part.value : '';
        const before = Object.hasOwn(body, part.fieldname) ? body[part.fieldname] : undefined;
        body[part.fieldname] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
        continue;
      }
      const limit = limits.fileLimit(part.fieldname);
      // No file chosen: browsers still send the input, with an empty name and no bytes.
      if (limit === undefined || part.filename === '') {
        part.file.resume();
        continue;
      }
      const result = await storeDocument(blobs, part.file, limit);
      // One file per input: a second one under the same name replaces the first, which is deleted.
      const replaced = uploads[part.fieldname]?.result;
      if (replaced?.ok) await blobs.delete(replaced.key);
      uploads[part.fieldname] = { name: cleanName(part.filename), result };
    }
  } catch (err) {
    // A body that fails half-way (too many files, cut off) leaves nothing behind.
    for (const { result } of Object.values(uploads)) if (result.ok) await blobs.delete(result.key);
    throw isClientFault(err) ? new HttpProblem(400, 'error.badrequest') : err;
  }
  return { body, uploads };
}

/** A body that is not valid multipart, or that stopped before its end: the sender's fault, told as such. */
function isClientFault(err: unknown): boolean {
  const { statusCode, message } = err as { statusCode?: number; message?: string };
  if (typeof statusCode === 'number') return false; // already an HTTP answer (413 for too many files…)
  return /unexpected end|malformed|boundary|cut off|premature close|aborted/i.test(message ?? '');
}

/** The name shown back to people: no path, no control characters, at most 120 characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f<>"]/g, '').trim();
  return clean.slice(-120) || 'document';
}

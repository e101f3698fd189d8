// Reading a piece of a dossier in the page instead of downloading it (decision 0012). The bytes are sent
// inline only for the kinds a browser shows without running anything of ours (PDF, JPEG, PNG, WebP), and
// only when the stored bytes still start like that kind. The response is sealed: its own CSP puts it in a
// sandbox (an opaque origin: even a hostile PDF reaches neither Guichet's cookies nor its pages), nothing is
// sniffed, it may be framed by Guichet's pages only, and it is never cached.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { mimeOf, sniffDocument, type DocumentKind } from '../../platform/storage/file-kinds.ts';
import type { AttachmentRow } from '../dossiers/index.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import type { SessionUser } from '../../platform/auth/session.ts';
import { about, type AgentView, type Env } from './service.ts';

/** Kinds shown inline. SVG, HTML and anything else are never in this list: they can carry script. */
const PREVIEWABLE: readonly DocumentKind[] = ['pdf', 'jpeg', 'png', 'webp'];

/** Enough bytes for every signature checked (WebP's is at 8–11). */
const HEAD = 16;

export const previewPath = (dossierId: string, fileId: string) => `/agent/dossiers/${dossierId}/pieces/${fileId}/apercu`;

export function isPreviewable(kind: string): kind is DocumentKind {
  return (PREVIEWABLE as readonly string[]).includes(kind);
}

/** Whether a piece is shown as an image (else, when previewable, in a frame: PDF). */
export const isImage = (kind: string) => kind === 'jpeg' || kind === 'png' || kind === 'webp';

/**
 * The policy of the preview response itself. `sandbox` without any allowance: no script, no form, no
 * same-origin. Inline style is allowed for the browser's own image and PDF viewers' layout (styles cannot run
 * code); nothing may be fetched; only Guichet's own pages may frame it.
 */
export const PREVIEW_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/**
 * The kind the stored bytes start with. A PDF is recognised by its header alone here (its end marker was
 * checked when it was uploaded).
 */
export function kindOfHead(head: Buffer): DocumentKind | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  return sniffDocument(head);
}

/** The first bytes of a stream, and a stream of all of it (those bytes included) to send on. */
async function peek(stream: Readable, size: number): Promise<{ head: Buffer; whole: Readable }> {
  const chunks: Buffer[] = [];
  let read = 0;
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  while (read < size) {
    const next = await it.next();
    if (next.done) break;
    chunks.push(next.value);
    read += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* whole() {
    try {
      yield head;
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    } finally {
      // A reader who goes away mid-file (or a refusal) must not leave the blob's file open.
      stream.destroy();
    }
  }
  return { head, whole: Readable.from(whole(), { objectMode: false }) };
}

/**
 * The piece's bytes, ready to be shown, or null (the stream closed) when it is not a previewable kind or its
 * bytes do not start as its recorded kind says.
 */
export async function previewStream(row: AttachmentRow, stream: Readable): Promise<Readable | null> {
  if (!isPreviewable(row.kind)) {
    stream.destroy();
    return null;
  }
  const { head, whole } = await peek(stream, HEAD);
  if (kindOfHead(head) === row.kind) return whole;
  whole.destroy();
  stream.destroy();
  return null;
}

/** Sends checked bytes (previewStream) inline, sealed as the file's header says. */
export function sendPreview(reply: FastifyReply, row: AttachmentRow, bytes: Readable) {
  const ascii = row.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', mimeOf(row.kind as DocumentKind)) // a previewable kind: previewStream said so
    .header('content-length', row.size)
    .header('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', PREVIEW_CSP)
    .header('x-frame-options', 'SAMEORIGIN')
    .header('cross-origin-resource-policy', 'same-origin')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

/** A preview shows the whole file: it is written to the audit log as a download is, under its own name. */
export async function recordPreview(env: Pick<Env, 'db'>, user: SessionUser, view: AgentView, fileId: string): Promise<void> {
  await appendAudit(env.db, { ...about(user, view), action: 'dossier.preview', details: { file: fileId } });
}

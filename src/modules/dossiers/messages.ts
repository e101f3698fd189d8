// Messages between the applicant and the administration about a submitted dossier, with up to three
// documents. The applicant is told by SMS or e-mail when the administration writes.
import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/db/ids.ts';
import type { BlobStore } from '../../platform/storage/blobs.ts';
import { str } from '../forms/field-kit.ts';
import { MB } from '../forms/field-file.ts';
import { deleteBlobs } from './drafts.ts';
import { readPageBody } from './page-body.ts';
import { applicantOf, notifyApplicant } from './notify-applicant.ts';
import * as store from './store.ts';

export const MESSAGE_FILES = ['fichier1', 'fichier2', 'fichier3'] as const;
export const MESSAGE_MAX_LENGTH = 5000;
const MESSAGE_FILE_MB = 5;

export type MessageOutcome = { ok: true } | { ok: false; error: MessageKey; text: string };

export interface Author {
  id: string;
  fromApplicant: boolean;
}

type Env = { db: Kysely<DB>; blobs: BlobStore; config: Pick<Config, 'publicUrl'> };

export async function postMessage(env: Env, req: FastifyRequest, dossierId: string, author: Author): Promise<MessageOutcome> {
  const names = new Set<string>(MESSAGE_FILES);
  const { body, uploads } = await readPageBody(req, env.blobs, {
    files: MESSAGE_FILES.length,
    fileLimit: (name) => (names.has(name) ? MESSAGE_FILE_MB * MB : undefined),
  });
  const text = str(body.message);
  const files = Object.values(uploads);
  const stored = files.flatMap((f) => (f.result.ok ? [f.result.key] : []));
  const refuse = async (error: MessageKey) => {
    await deleteBlobs(env.blobs, stored);
    return { ok: false, error, text } as const;
  };
  if (text === '') return refuse('dossiers.message.error.empty');
  if (text.length > MESSAGE_MAX_LENGTH) return refuse('dossiers.message.error.long');
  if (files.some((f) => !f.result.ok)) return refuse('dossiers.message.error.file');

  await env.db.transaction().execute(async (trx) => {
    const messageId = await writeMessage(trx, env, dossierId, author, text);
    for (const { name, result } of files) {
      if (!result.ok) continue;
      await store.insertAttachment(trx, { id: newId(), dossierId, field: null, messageId, blobKey: result.key, name, kind: result.kind, size: result.size, sha256: result.sha256 });
    }
  });
  return { ok: true };
}

/** The same words to many dossiers at once (the back office's batch action): text only, checked like a message. */
export async function sendAdministrationMessage(env: Env, dossierId: string, authorId: string, text: string): Promise<MessageOutcome> {
  const body = text.trim();
  if (body === '') return { ok: false, error: 'dossiers.message.error.empty', text };
  if (body.length > MESSAGE_MAX_LENGTH) return { ok: false, error: 'dossiers.message.error.long', text };
  await env.db.transaction().execute((trx) => writeMessage(trx, env, dossierId, { id: authorId, fromApplicant: false }, body));
  return { ok: true };
}

async function writeMessage(trx: Transaction<DB>, env: Env, dossierId: string, author: Author, text: string): Promise<string> {
  const messageId = newId();
  await store.insertMessage(trx, { id: messageId, dossierId, authorId: author.id, fromApplicant: author.fromApplicant, body: text });
  if (!author.fromApplicant) {
    const dossier = await trx.selectFrom('dossiers').select(['reference', 'applicant_id']).where('id', '=', dossierId).executeTakeFirstOrThrow();
    await notifyApplicant(trx, env.config, await applicantOf(trx, dossier.applicant_id!), { kind: 'message', dossierId, reference: dossier.reference! });
  }
  return messageId;
}

// Drafts: started from a fiche or prefilled through the API, saved page by page, moved to the procedure's
// newest revision when the applicant comes back, deleted on request.
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/db/ids.ts';
import type { BlobStore } from '../../platform/storage/blobs.ts';
import type { UploadResult } from '../../platform/storage/upload.ts';
import { randomToken, sha256 } from '../../platform/crypto/tokens.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import {
  mergeSection,
  migrateAnswers,
  readSection,
  visibleSections,
  type Answers,
  type AttachmentRef,
  type FieldError,
  type FormBody,
  type FormDefinition,
  type FormsMessageKey,
} from '../forms/index.ts';
import { filesOf, validationContext } from './context.ts';
import { publishedRevisionId, revisionById } from './revisions-store.ts';
import * as store from './store.ts';

type Env = { db: Kysely<DB>; blobs: BlobStore; config: Pick<Config, 'country' | 'timeZone'> };

export interface OpenDossier {
  dossier: store.DossierRow;
  definition: FormDefinition;
  procedure: store.ProcedureHead;
  /** Answers dropped because the procedure's form changed since the applicant last saved (paths). */
  dropped: string[];
}

/** A procedure of this deployment's country that can be filed online, with its published form. */
export async function onlineProcedure(env: Pick<Env, 'db' | 'config'>, slug: string, locale: string) {
  const procedure = await store.procedureHead(env.db, { country: env.config.country, slug }, locale);
  const revision = procedure && (await publishedRevisionOf(env.db, procedure.id));
  return procedure && revision ? { procedure, revision } : undefined;
}

/** The procedure's published form, read through the cache of frozen revisions (only its id is queried). */
async function publishedRevisionOf(db: Kysely<DB>, procedureId: string) {
  const id = await publishedRevisionId(db, procedureId);
  return id ? revisionById(db, id) : undefined;
}

/** Starts a draft on the procedure's published form; undefined when the procedure is not online. */
export async function startDraft(env: Env, input: { slug: string; applicantId: string; locale: string }) {
  const online = await onlineProcedure(env, input.slug, input.locale);
  if (!online) return undefined;
  const { procedure, revision } = online;
  const id = newId();
  await store.insertDraft(env.db, { id, procedureId: procedure.id, revisionId: revision.id, applicantId: input.applicantId });
  return { id, firstSection: visibleSections(revision.definition, {})[0]?.id };
}

/**
 * A dossier of this applicant with the form it is answered on. A draft whose procedure published a new
 * form since is moved to it first; submitted dossiers stay on the revision they were filed on.
 */
export async function openDossier(env: Env, id: string, applicantId: string, locale: string): Promise<OpenDossier | undefined> {
  const dossier = await store.dossierOfApplicant(env.db, id, applicantId);
  if (!dossier) return undefined;
  const procedure = await store.procedureHead(env.db, { id: dossier.procedureId }, locale);
  const pinned = await revisionById(env.db, dossier.revisionId);
  if (!procedure || !pinned) return undefined;
  const publishedId = dossier.status === 'draft' ? await publishedRevisionId(env.db, dossier.procedureId) : undefined;
  if (!publishedId || publishedId === pinned.id) return { dossier, definition: pinned.definition, procedure, dropped: [] };
  const published = await revisionById(env.db, publishedId);
  if (!published) return { dossier, definition: pinned.definition, procedure, dropped: [] };

  const moved = migrateAnswers(pinned.definition, published.definition, dossier.answers, validationContext(env.config, new Date()));
  const stale = await env.db.transaction().execute(async (trx) => {
    if (!(await store.saveDraftAnswers(trx, id, moved.answers, published.id))) return [];
    return store.pruneAnswerFiles(trx, id, filesOf(moved.answers).map((f) => f.id));
  });
  await deleteBlobs(env.blobs, stale);
  const updated = { ...dossier, answers: moved.answers, revisionId: published.id };
  return { dossier: updated, definition: published.definition, procedure, dropped: moved.dropped };
}

export interface UploadedFile {
  name: string;
  result: UploadResult;
}

export interface PageInput {
  sectionId: string;
  body: FormBody;
  /** Files received with the page, by field path, already stored and checked by content. */
  uploads: Record<string, UploadedFile>;
  /** Paths whose stored file the applicant asked to remove. */
  removals: string[];
  now: Date;
}

export interface PageResult {
  answers: Answers;
  errors: FieldError[];
  /** The next page to show, or null for the review page. */
  next: string | null;
}

const UPLOAD_ERRORS: Record<Exclude<UploadResult, { ok: true }>['reason'], FormsMessageKey> = {
  'too-large': 'forms.error.filesize',
  empty: 'forms.error.fileempty',
  kind: 'forms.error.filekind',
};

/**
 * Reads one page into the draft and saves what is valid (a page with a mistake still keeps the good
 * answers and files: on a 2G link, sending a photo twice costs minutes). Answers of hidden fields and
 * names that are not fields of this page are dropped by the engine.
 */
export async function savePage(env: Env, open: OpenDossier, input: PageInput): Promise<PageResult> {
  const { dossier, definition } = open;
  const attachments: Record<string, AttachmentRef | undefined> = {};
  const uploadErrors: FieldError[] = [];
  const fresh: store.AttachmentRow[] = [];
  for (const path of input.removals) attachments[path] = undefined;
  for (const [path, { name, result }] of Object.entries(input.uploads)) {
    if (!result.ok) {
      uploadErrors.push(uploadError(definition, path, result.reason));
      continue;
    }
    const id = newId();
    fresh.push({ id, dossierId: dossier.id, field: path, messageId: null, blobKey: result.key, name, kind: result.kind, size: result.size, sha256: result.sha256 });
    attachments[path] = { id, name, size: result.size, kind: result.kind, sha256: result.sha256 };
  }

  const ctx = { ...validationContext(env.config, input.now), previous: dossier.answers, attachments };
  const read = readSection(definition, input.sectionId, input.body, ctx);
  const answers = mergeSection(definition, input.sectionId, dossier.answers, read.answers);
  const stale = await env.db
    .transaction()
    .execute(async (trx) => {
      for (const row of fresh) await store.insertAttachment(trx, row);
      // Submitted meanwhile (another tab): nothing of this page is kept, its files neither.
      if (!(await store.saveDraftAnswers(trx, dossier.id, answers))) throw new HttpProblem(409, 'dossiers.error.notdraft');
      return store.pruneAnswerFiles(trx, dossier.id, filesOf(answers).map((f) => f.id));
    })
    .catch(async (err: unknown) => {
      await deleteBlobs(env.blobs, fresh.map((r) => r.blobKey));
      throw err;
    });
  await deleteBlobs(env.blobs, stale);

  const failed = new Set(uploadErrors.map((e) => e.field));
  const errors = [...uploadErrors, ...read.errors.filter((e) => !failed.has(e.field))];
  const sections = visibleSections(definition, answers);
  const at = sections.findIndex((s) => s.id === input.sectionId);
  return { answers, errors, next: sections[at + 1]?.id ?? null };
}

export function uploadError(def: FormDefinition, path: string, reason: keyof typeof UPLOAD_ERRORS): FieldError {
  const field = fileFieldAt(def, path);
  const kinds = field && 'accept' in field && field.accept ? field.accept : ['pdf', 'jpeg', 'png'];
  const key = UPLOAD_ERRORS[reason];
  if (reason === 'kind') return { field: path, key, params: { kinds: kinds.map((k) => k.toUpperCase()).join(', ') } };
  if (reason === 'too-large') return { field: path, key, params: { max: maxSizeMb(field) } };
  return { field: path, key };
}

/** The attachment or identity-document field a file input of a page is named after (`id` or `repeat.i.child`). */
export function fileFieldAt(def: FormDefinition, path: string) {
  const [first, index, child] = path.split('.');
  for (const section of def.sections) {
    for (const field of section.fields) {
      if (field.id !== first) continue;
      const target = field.type === 'repeat' && index !== undefined && /^\d+$/.test(index) ? field.fields.find((c) => c.id === child) : field;
      if (target && (target.type === 'attachment' || target.type === 'identityDocument')) return target;
    }
  }
  return undefined;
}

export function maxSizeMb(field: ReturnType<typeof fileFieldAt>): number {
  return field?.maxSizeMb ?? 5;
}

export async function deleteDraft(env: Env, id: string, applicantId: string): Promise<boolean> {
  const blobs = await env.db.transaction().execute((trx) => store.deleteDraft(trx, id, applicantId));
  if (!blobs) return false;
  await deleteBlobs(env.blobs, blobs);
  return true;
}

/**
 * A draft prefilled by another system (API): its answers are checked field by field like a migration
 * (nothing required yet), files are never taken from JSON, and the draft belongs to nobody until a
 * signed-in citizen opens the link with its token.
 */
export async function createPrefilled(env: Env, input: { slug: string; answers: unknown; now: Date }) {
  const online = await onlineProcedure(env, input.slug, 'fr');
  if (!online) return undefined;
  const { procedure, revision } = online;
  const given = input.answers && typeof input.answers === 'object' && !Array.isArray(input.answers) ? (input.answers as Answers) : {};
  const { answers: allowed, removed } = applicantAnswersWithoutFiles(revision.definition, given);
  const checked = migrateAnswers(revision.definition, revision.definition, allowed, validationContext(env.config, input.now));
  const ignored = [...removed, ...checked.dropped];
  const token = randomToken();
  const id = newId();
  await store.insertDraft(env.db, { id, procedureId: procedure.id, revisionId: revision.id, applicantId: null, answers: checked.answers, prefillHash: sha256(token) });
  return { id, token, ignored };
}

/**
 * What another system may prefill: no file (a reference could name someone else's, or none at all) and no
 * agents' annotation, at any depth. Returns the rest and the paths taken out.
 */
function applicantAnswersWithoutFiles(def: FormDefinition, given: Answers): { answers: Answers; removed: string[] } {
  const fields = new Map(def.sections.flatMap((s) => s.fields.map((f) => [f.id, f] as const)));
  const refused = (f: { type: string; private?: boolean } | undefined) => !f || f.private === true || f.type === 'attachment' || f.type === 'identityDocument';
  const answers: Answers = {};
  const removed: string[] = [];
  for (const [id, value] of Object.entries(given)) {
    const field = fields.get(id);
    if (field?.type !== 'repeat') {
      if (refused(field as { type: string; private?: boolean } | undefined) && field) removed.push(id);
      else answers[id] = value;
      continue;
    }
    if (field.private) {
      removed.push(id);
      continue;
    }
    if (!Array.isArray(value)) {
      answers[id] = value;
      continue;
    }
    answers[id] = value.map((item, i) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
      return Object.fromEntries(
        Object.entries(item).filter(([child, _]) => {
          const keep = !refused(field.fields.find((c) => c.id === child) as { type: string; private?: boolean } | undefined);
          if (!keep) removed.push(`${id}.${i}.${child}`);
          return keep;
        }),
      );
    }) as Answers[];
  }
  return { answers, removed };
}

export function claimPrefilled(env: Env, token: string, applicantId: string): Promise<string | undefined> {
  return store.claimPrefilled(env.db, sha256(token), applicantId);
}

export async function deleteBlobs(blobs: BlobStore, keys: string[]): Promise<void> {
  for (const key of keys) await blobs.delete(key);
}

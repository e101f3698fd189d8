// Corrections: the administration sends a dossier back asking for some answers again (which, and why); the
// applicant changes those answers — and only those — and sends the dossier back, checked in full again.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/db/ids.ts';
import type { BlobStore } from '../../platform/storage/blobs.ts';
import { HttpProblem } from '../../platform/http/errors.tsx';
import { isInput, readSection, validateAnswers, type Answers, type AttachmentRef, type Field, type FieldError, type FormBody, type FormDefinition, type Section } from '../forms/index.ts';
import { filesOf, validationContext } from './context.ts';
import { deleteBlobs, uploadError, type OpenDossier, type UploadedFile } from './drafts.ts';
import { applicantOf, notifyApplicant } from './notify-applicant.ts';
import * as store from './store.ts';

type Env = { db: Kysely<DB>; blobs: BlobStore; config: Pick<Config, 'country' | 'timeZone' | 'publicUrl'> };

export interface OpenCorrection {
  id: string;
  fields: string[];
  reason: string;
  createdAt: Date;
}

export async function openCorrection(db: Kysely<DB>, dossierId: string): Promise<OpenCorrection | undefined> {
  return (await db
    .selectFrom('dossier_corrections')
    .select(['id', 'fields', 'reason', 'created_at as createdAt'])
    .where('dossier_id', '=', dossierId)
    .where('answered_at', 'is', null)
    .executeTakeFirst()) as OpenCorrection | undefined;
}

/** The applicant's questions an agent may ask again: top-level answers, never the agents' own fields. */
export function correctableFields(def: FormDefinition): Field[] {
  return def.sections.flatMap((s) => s.fields.filter((f) => isInput(f) && !('private' in f && f.private)));
}

export type RequestResult = { ok: true } | { ok: false; reason: 'state' | 'stale' | 'fields' | 'reason' };

/** Called by the back office: the dossier goes back to its applicant, who is told by SMS or e-mail. */
export async function requestCorrection(env: Env, input: { dossierId: string; fields: string[]; reason: string; agentId: string | null; now: Date; version?: number; alsoInTransaction?: (trx: Transaction<DB>) => Promise<unknown> }): Promise<RequestResult> {
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 2000) return { ok: false, reason: 'reason' };
  return env.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('dossiers').select(['id', 'status', 'reference', 'revision_id', 'applicant_id', 'procedure_id', 'version']).where('id', '=', input.dossierId).forUpdate().executeTakeFirst();
    // The agent's page was older than the dossier (another agent acted meanwhile): they must see it again.
    if (row && input.version !== undefined && row.version !== input.version) return { ok: false, reason: 'stale' } as const;
    if (!row || (row.status !== 'submitted' && row.status !== 'in_review')) return { ok: false, reason: 'state' } as const;
    const revision = await trx.selectFrom('procedure_revisions').select('definition').where('id', '=', row.revision_id).executeTakeFirstOrThrow();
    const allowed = new Set(correctableFields(revision.definition as FormDefinition).map((f) => f.id));
    const fields = [...new Set(input.fields)];
    if (fields.length === 0 || fields.some((f) => !allowed.has(f))) return { ok: false, reason: 'fields' } as const;
    await trx.updateTable('dossiers').set((eb) => ({ status: 'correction', updated_at: input.now, version: eb('version', '+', 1) })).where('id', '=', row.id).execute();
    await trx.insertInto('dossier_corrections').values({ id: newId(), dossier_id: row.id, fields: JSON.stringify(fields), reason, requested_by: input.agentId, created_at: input.now }).execute();
    await store.addEvent(trx, { id: newId(), dossierId: row.id, kind: 'correction_requested', status: 'correction', actorId: input.agentId, note: reason, at: input.now });
    await notifyApplicant(trx, env.config, await applicantOf(trx, row.applicant_id!), { kind: 'correction', dossierId: row.id, reference: row.reference!, params: { reason } });
    await input.alsoInTransaction?.(trx);
    return { ok: true } as const;
  });
}

/** The sections holding asked fields, each cut down to those fields (in the form's order). */
export function correctionSections(def: FormDefinition, fields: string[]): Section[] {
  const asked = new Set(fields);
  return def.sections.map((s) => ({ ...s, fields: s.fields.filter((f) => asked.has(f.id)) })).filter((s) => s.fields.length > 0);
}

export type AnswerResult = { ok: true } | { ok: false; errors: FieldError[]; answers: Answers };

/**
 * Reads the asked answers and sends the dossier back. Every other answer stays as filed: the page of each
 * asked field is read with the filed values of its other fields (`bodyFor`), so conditions between them
 * still hold, and only the asked fields are taken. Nothing is saved unless the whole dossier is valid.
 */
export async function answerCorrection(
  env: Env,
  open: OpenDossier,
  correction: OpenCorrection,
  input: { body: FormBody; uploads: Record<string, UploadedFile>; removals: string[]; now: Date; bodyFor: (fields: Field[], answers: Answers) => FormBody },
): Promise<AnswerResult> {
  const { dossier, definition } = open;
  const asked = new Set(correction.fields);
  const fresh = Object.entries(input.uploads).filter(([path, f]) => asked.has(path.split('.')[0]!) && f.result.ok);
  const refused: FieldError[] = Object.entries(input.uploads).flatMap(([path, f]) => (f.result.ok ? [] : [uploadError(definition, path, f.result.reason)]));
  const attachments: Record<string, AttachmentRef | undefined> = {};
  for (const path of input.removals) attachments[path] = undefined;
  const ids = new Map<string, string>();
  for (const [path, { name, result }] of fresh) {
    if (!result.ok) continue;
    const id = newId();
    ids.set(path, id);
    attachments[path] = { id, name, size: result.size, kind: result.kind, sha256: result.sha256 };
  }

  const freshKeys = fresh.flatMap(([, f]) => (f.result.ok ? [f.result.key] : []));
  const ctx = { ...validationContext(env.config, input.now), previous: dossier.answers, attachments };
  let answers: Answers = { ...dossier.answers };
  const errors: FieldError[] = [...refused];
  for (const section of correctionSections(definition, correction.fields)) {
    const full = definition.sections.find((s) => s.id === section.id)!;
    const others = full.fields.filter((f) => !asked.has(f.id));
    const body = { ...input.bodyFor(others, dossier.answers), ...pick(input.body, section.fields) };
    const read = readSection(definition, section.id, body, ctx);
    errors.push(...read.errors.filter((e) => asked.has(e.field.split('.')[0]!)));
    for (const f of section.fields) {
      if (Object.hasOwn(read.answers, f.id)) answers[f.id] = read.answers[f.id]!;
      else delete answers[f.id];
    }
  }
  const checked = validateAnswers(definition, answers, validationContext(env.config, input.now));
  errors.push(...checked.errors.filter((e) => !errors.some((x) => x.field === e.field)));
  if (errors.length > 0) {
    await deleteBlobs(env.blobs, freshKeys);
    return { ok: false, errors, answers };
  }
  answers = checked.answers;

  const stale = await env.db
    .transaction()
    .execute(async (trx) => {
      for (const [path, { name, result }] of fresh) {
        if (!result.ok) continue;
        await store.insertAttachment(trx, { id: ids.get(path)!, dossierId: dossier.id, field: path, messageId: null, blobKey: result.key, name, kind: result.kind, size: result.size, sha256: result.sha256 });
      }
      const res = await trx
        .updateTable('dossiers')
        // The clock stops while the applicant corrects: the deadline moves back by the time the correction took.
        .set((eb) => ({
          answers: JSON.stringify(answers),
          status: 'submitted',
          updated_at: input.now,
          version: eb('version', '+', 1),
          due_at: sql<Date | null>`due_at + (${input.now}::timestamptz - ${correction.createdAt}::timestamptz)`,
        }))
        .where('id', '=', dossier.id)
        .where('status', '=', 'correction')
        .executeTakeFirst();
      // Answered meanwhile (another tab): nothing of this request is kept.
      if (Number(res.numUpdatedRows) !== 1) throw new HttpProblem(409, 'dossiers.error.notdraft');
      await trx.updateTable('dossier_corrections').set({ answered_at: input.now }).where('id', '=', correction.id).execute();
      await store.addEvent(trx, { id: newId(), dossierId: dossier.id, kind: 'correction_answered', status: 'submitted', actorId: dossier.applicantId, at: input.now });
      return store.pruneAnswerFiles(trx, dossier.id, filesOf(answers).map((f) => f.id));
    })
    .catch(async (err: unknown) => {
      await deleteBlobs(env.blobs, freshKeys);
      throw err;
    });
  await deleteBlobs(env.blobs, stale);
  return { ok: true };
}

/** The posted inputs belonging to these fields (`id`, `id.part`, `repeat.i.child`), nothing else. */
function pick(body: FormBody, fields: Field[]): FormBody {
  const ids = new Set(fields.map((f) => f.id));
  return Object.fromEntries(Object.entries(body).filter(([name]) => ids.has(name.split('.')[0]!)));
}

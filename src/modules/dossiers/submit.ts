// Submitting a draft, exactly once. The review page's form carries a one-time key; the draft's row is locked
// while it is checked and submitted, so a double click, a retry after a timeout or a second tab all wait
// for the first and then find the dossier submitted: one dossier, the same receipt. A key already spent on
// another dossier is refused.
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/db/ids.ts';
import type { BlobStore } from '../../platform/storage/blobs.ts';
import { queueMessage } from '../../platform/notify/messages.ts';
import { translate } from '../../platform/i18n/index.ts';
import type { Locale } from '../../config.ts';
import { validateAnswers, type Answers, type FieldError } from '../forms/index.ts';
import { filesOf, localYear, validationContext } from './context.ts';
import { deleteBlobs } from './drafts.ts';
import { dossierPath } from './paths.ts';
import { newReference } from './reference.ts';
import { publishedRevision, revisionById } from './revisions-store.ts';
import * as store from './store.ts';

type Env = { db: Kysely<DB>; blobs: BlobStore; config: Pick<Config, 'country' | 'timeZone' | 'publicUrl'> };

export const SUBMIT_KEY = /^[A-Za-z0-9_-]{20,64}$/;

export type SubmitResult =
  | { ok: true; id: string; reference: string; already: boolean }
  | { ok: false; reason: 'not-found' | 'key-used' | 'form-changed' }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

export async function submitDraft(env: Env, input: { id: string; applicantId: string; key: string; locale: Locale; now: Date }): Promise<SubmitResult> {
  let stale: string[] = [];
  let result: SubmitResult;
  try {
    result = await env.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('dossiers')
        .select(['id', 'status', 'reference', 'revision_id', 'procedure_id', 'answers'])
        .where('id', '=', input.id)
        .where('applicant_id', '=', input.applicantId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return { ok: false, reason: 'not-found' } as const;
      if (row.status !== 'draft') return { ok: true, id: row.id, reference: row.reference!, already: true } as const;
      if (await store.dossierBySubmitKey(trx, input.key)) return { ok: false, reason: 'key-used' } as const;
      const published = await publishedRevision(trx, row.procedure_id);
      const revision = await revisionById(trx, row.revision_id);
      // The form changed between the review page and this click: the applicant must see it again.
      if (!revision || (published && published.id !== revision.id)) return { ok: false, reason: 'form-changed' } as const;

      const checked = validateAnswers(revision.definition, row.answers as Answers, validationContext(env.config, input.now));
      if (checked.errors.length > 0) return { ok: false, reason: 'invalid', errors: checked.errors } as const;
      const reference = await freeReference(trx, localYear(input.now, env.config.timeZone));
      await store.markSubmitted(trx, { id: row.id, key: input.key, reference, answers: checked.answers, at: input.now });
      await store.addEvent(trx, { id: newId(), dossierId: row.id, kind: 'submitted', status: 'submitted', actorId: input.applicantId, at: input.now });
      stale = await store.pruneAnswerFiles(trx, row.id, filesOf(checked.answers).map((f) => f.id));
      await notifySubmitted(trx, env, { applicantId: input.applicantId, dossierId: row.id, procedureId: row.procedure_id, reference, locale: input.locale });
      return { ok: true, id: row.id, reference, already: false } as const;
    });
  } catch (err) {
    // Two drafts submitted at once with one key: the unique index lets one through.
    if ((err as { code?: string }).code === '23505' && String((err as Error).message).includes('submit_key')) return { ok: false, reason: 'key-used' };
    throw err;
  }
  await deleteBlobs(env.blobs, stale);
  return result;
}

async function freeReference(trx: Transaction<DB>, year: number): Promise<string> {
  // A billion codes a year: a clash is rare, and the unique index would catch one this loop missed.
  for (;;) {
    const reference = newReference(year);
    if (!(await store.referenceTaken(trx, reference))) return reference;
  }
}

/** The receipt by SMS when the applicant has a phone, else by e-mail; in their language, in the same transaction. */
async function notifySubmitted(
  trx: Transaction<DB>,
  env: Env,
  d: { applicantId: string; dossierId: string; procedureId: string; reference: string; locale: Locale },
): Promise<void> {
  const user = await trx.selectFrom('users').select(['phone', 'email', 'locale']).where('id', '=', d.applicantId).executeTakeFirst();
  if (!user) return;
  const locale = (user.locale as Locale | null) ?? d.locale;
  const procedure = await store.procedureHead(trx, { id: d.procedureId }, locale);
  const params = { reference: d.reference, title: procedure?.title ?? '', url: `${env.config.publicUrl}${dossierPath(d.dossierId)}` };
  if (user.phone) {
    await queueMessage(trx, { channel: 'sms', to: user.phone, body: translate(locale, 'dossiers.notify.submitted.sms', params) });
  } else if (user.email) {
    await queueMessage(trx, {
      channel: 'email',
      to: user.email,
      subject: translate(locale, 'dossiers.notify.submitted.subject', params),
      body: translate(locale, 'dossiers.notify.submitted.email', params),
    });
  }
}

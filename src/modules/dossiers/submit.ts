// Submitting a draft, exactly once. The review page's form carries a one-time key; the draft's row is locked
// while it is checked and submitted, so a double click, a retry after a timeout or a second tab all wait
// for the first and then find the dossier submitted: one dossier, the same receipt. A key already spent on
// another dossier is refused.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/db/ids.ts';
import { PREPARED } from '../../platform/db/database.ts';
import type { BlobStore } from '../../platform/storage/blobs.ts';
import { queueMessage } from '../../platform/notify/messages.ts';
import { translate } from '../../platform/i18n/index.ts';
import type { Locale } from '../../config.ts';
import { validateAnswers, type Answers, type FieldError } from '../forms/index.ts';
import { pickTeam, type Rule } from '../instruction/index.ts';
import { filesOf, localYear, validationContext } from './context.ts';
import { deleteBlobs } from './drafts.ts';
import { dossierPath } from './paths.ts';
import { newReference } from './reference.ts';
import { revisionById } from './revisions-store.ts';
import * as store from './store.ts';

type Env = { db: Kysely<DB>; blobs: BlobStore; config: Pick<Config, 'country' | 'timeZone' | 'publicUrl'> };

export const SUBMIT_KEY = /^[A-Za-z0-9_-]{20,64}$/;

export type SubmitResult =
  | { ok: true; id: string; reference: string; already: boolean }
  | { ok: false; reason: 'not-found' | 'key-used' | 'form-changed' }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

export async function submitDraft(env: Env, input: { id: string; applicantId: string; key: string; locale: Locale; now: Date }): Promise<SubmitResult> {
  // A reference drawn twice in a year (one chance in a billion per pair) fails on the unique index: draw again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await submitOnce(env, input);
    } catch (err) {
      const { code, constraint: named, message } = err as { code?: string; constraint?: string; message?: string };
      if (code !== '23505') throw err;
      const constraint = named ?? /"([^"]+)"/.exec(message ?? '')?.[1];
      // Two drafts submitted at once with one key: the unique index lets one through.
      if (constraint === 'dossiers_submit_key_key') return { ok: false, reason: 'key-used' };
      if (constraint !== 'dossiers_reference_key' || attempt >= 3) throw err;
    }
  }
}

// Each statement is a round trip to the database, and at hundreds of submissions a second the round trips
// are what costs: the draft, its applicant, the procedure's title, its current form and the routing rules
// that choose the team processing it come in one query.
async function submitOnce(env: Env, input: { id: string; applicantId: string; key: string; locale: Locale; now: Date }): Promise<SubmitResult> {
  let stale: string[] = [];
  const result = await env.db.transaction().execute(async (trx) => {
    const { rows } = await sql<DraftForSubmission>`${PREPARED}
      SELECT d.id, d.status, d.reference, d.revision_id, d.answers, d.submit_key,
        (SELECT r.id FROM procedure_revisions r WHERE r.procedure_id = d.procedure_id AND r.status = 'published') AS published_id,
        (SELECT d2.id FROM dossiers d2 WHERE d2.submit_key = ${input.key}) AS key_owner,
        u.phone, u.email, u.locale,
        coalesce(t.title, f.title) AS title,
        p.administration_id, pp.default_team_id, coalesce(pp.legal_delay_days, p.delay_days) AS delay_days,
        (SELECT json_agg(json_build_object('teamId', r.team_id, 'condition', r.condition) ORDER BY r.position)
          FROM routing_rules r WHERE r.procedure_id = d.procedure_id) AS rules
      FROM dossiers d
      JOIN users u ON u.id = d.applicant_id
      JOIN procedures p ON p.id = d.procedure_id
      LEFT JOIN procedure_processing pp ON pp.procedure_id = d.procedure_id
      JOIN procedure_texts f ON f.procedure_id = d.procedure_id AND f.locale = 'fr'
      LEFT JOIN procedure_texts t ON t.procedure_id = d.procedure_id AND t.locale = coalesce(u.locale, ${input.locale})
      WHERE d.id = ${input.id} AND d.applicant_id = ${input.applicantId}
      FOR UPDATE OF d`.execute(trx);
    const row = rows[0];
    if (!row) return { ok: false, reason: 'not-found' } as const;
    if (row.status !== 'draft') return { ok: true, id: row.id, reference: row.reference!, already: true } as const;
    if (row.key_owner) return { ok: false, reason: 'key-used' } as const;
    const revision = await revisionById(trx, row.revision_id);
    // The form changed between the review page and this click: the applicant must see it again.
    if (!revision || (row.published_id && row.published_id !== revision.id)) return { ok: false, reason: 'form-changed' } as const;

    const checked = validateAnswers(revision.definition, row.answers, validationContext(env.config, input.now));
    if (checked.errors.length > 0) return { ok: false, reason: 'invalid', errors: checked.errors } as const;
    const reference = newReference(localYear(input.now, env.config.timeZone));
    const filing = {
      teamId: pickTeam(row.rules ?? [], row.default_team_id, checked.answers),
      administrationId: row.administration_id,
      dueAt: row.delay_days ? new Date(input.now.getTime() + row.delay_days * 86_400_000) : null,
    };
    await store.markSubmitted(trx, { id: row.id, key: input.key, reference, answers: checked.answers, at: input.now, eventId: newId(), actorId: input.applicantId, ...filing });
    // Files of answers dropped by the final check (a field hidden since) go; usually there are none.
    const kept = filesOf(checked.answers).map((f) => f.id);
    if (filesOf(row.answers).some((f) => !kept.includes(f.id))) stale = await store.pruneAnswerFiles(trx, row.id, kept);
    await notifySubmitted(trx, env, { ...row, dossierId: row.id, reference, locale: (row.locale as Locale | null) ?? input.locale });
    return { ok: true, id: row.id, reference, already: false } as const;
  });
  await deleteBlobs(env.blobs, stale);
  return result;
}

interface DraftForSubmission {
  id: string;
  status: string;
  reference: string | null;
  revision_id: string;
  answers: Answers;
  submit_key: string | null;
  published_id: string | null;
  key_owner: string | null;
  phone: string | null;
  email: string | null;
  locale: string | null;
  title: string;
  administration_id: string;
  default_team_id: string | null;
  delay_days: number | null;
  rules: Rule[] | null;
}

/** The receipt by SMS when the applicant has a phone, else by e-mail; in their language, in the same transaction. */
async function notifySubmitted(
  trx: Transaction<DB>,
  env: Env,
  d: { dossierId: string; reference: string; title: string; phone: string | null; email: string | null; locale: Locale },
): Promise<void> {
  const params = { reference: d.reference, title: d.title, url: `${env.config.publicUrl}${dossierPath(d.dossierId)}` };
  if (d.phone) {
    await queueMessage(trx, { channel: 'sms', to: d.phone, body: translate(d.locale, 'dossiers.notify.submitted.sms', params) });
  } else if (d.email) {
    await queueMessage(trx, {
      channel: 'email',
      to: d.email,
      subject: translate(d.locale, 'dossiers.notify.submitted.subject', params),
      body: translate(d.locale, 'dossiers.notify.submitted.email', params),
    });
  }
}

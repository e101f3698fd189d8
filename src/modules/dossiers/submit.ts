// Submitting a draft, exactly once. The review page's form carries a one-time key. The draft is read and
// checked, then written in one statement on condition that it is still the very version that was checked
// (its row's xmin) and still a draft; otherwise it is read again. So a double click, a retry after a timeout
// or a second tab find, once the first has written (a write waits for the one before it on the row), the
// dossier submitted: one dossier, the same receipt. A key already spent on another dossier is refused.
import { sql, type Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId } from '../../platform/db/ids.ts';
import { PREPARED } from '../../platform/db/database.ts';
import type { BlobStore } from '../../platform/storage/blobs.ts';
import type { Message } from '../../platform/notify/messages.ts';
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

// A draft changes between its reading and its writing only when its owner acts twice at once (a double click,
// a page saved from another tab): the next reading settles it.
const MAX_READINGS = 5;

export async function submitDraft(env: Env, input: { id: string; applicantId: string; key: string; locale: Locale; now: Date }): Promise<SubmitResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await submitOnce(env, input);
      if (result) return result;
      if (attempt >= MAX_READINGS) throw new Error(`draft ${input.id} kept changing while being submitted`);
    } catch (err) {
      // A reference drawn twice in a year (one chance in a billion per pair) fails on the unique index: draw again.
      const { code, constraint: named, message } = err as { code?: string; constraint?: string; message?: string };
      if (code !== '23505') throw err;
      const constraint = named ?? /"([^"]+)"/.exec(message ?? '')?.[1];
      // Two drafts submitted at once with one key: the unique index lets one through.
      if (constraint === 'dossiers_submit_key_key') return { ok: false, reason: 'key-used' };
      if (constraint !== 'dossiers_reference_key' || attempt >= 3) throw err;
    }
  }
}

// Round trips to the database are what a submission costs most, here and in PostgreSQL (measured on the
// 2-core bench machine: even an empty BEGIN costs the server about 0.2 ms of CPU, PostgreSQL 0.05 ms, and two
// context switches). A submission makes two besides the session's: one query reads the draft, its applicant,
// the procedure's title, its current form and the routing rules that choose the team processing it; one
// statement writes everything (see store.markSubmitted) and commits. Holding the row locked between them would
// take two more round trips (BEGIN, COMMIT) for nothing: the write's condition on the row's version does the
// same job. Returns null when the draft changed since it was read.
async function submitOnce(env: Env, input: { id: string; applicantId: string; key: string; locale: Locale; now: Date }): Promise<SubmitResult | null> {
  const { rows } = await sql<DraftForSubmission>`${PREPARED}
    SELECT d.xmin::text AS version, d.id, d.status, d.reference, d.revision_id, d.answers, d.submit_key,
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
    WHERE d.id = ${input.id} AND d.applicant_id = ${input.applicantId}`.execute(env.db);
  const row = rows[0];
  if (!row) return { ok: false, reason: 'not-found' };
  if (row.status !== 'draft') return { ok: true, id: row.id, reference: row.reference!, already: true };
  if (row.key_owner) return { ok: false, reason: 'key-used' };
  const revision = await revisionById(env.db, row.revision_id);
  // The form changed between the review page and this click: the applicant must see it again.
  if (!revision || (row.published_id && row.published_id !== revision.id)) return { ok: false, reason: 'form-changed' };

  const checked = validateAnswers(revision.definition, row.answers, validationContext(env.config, input.now));
  if (checked.errors.length > 0) return { ok: false, reason: 'invalid', errors: checked.errors };
  const reference = newReference(localYear(input.now, env.config.timeZone));
  const filing = {
    teamId: pickTeam(row.rules ?? [], row.default_team_id, checked.answers),
    administrationId: row.administration_id,
    dueAt: row.delay_days ? new Date(input.now.getTime() + row.delay_days * 86_400_000) : null,
  };
  // Files of answers dropped by the final check (a field hidden since) go; usually there are none.
  const kept = filesOf(checked.answers).map((f) => f.id);
  const filed = await store.markSubmitted(env.db, {
    id: row.id,
    key: input.key,
    reference,
    answers: checked.answers,
    at: input.now,
    eventId: newId(),
    actorId: input.applicantId,
    ...filing,
    version: row.version,
    receipt: receiptOf(env, { ...row, dossierId: row.id, reference, locale: (row.locale as Locale | null) ?? input.locale }),
    keepFiles: filesOf(row.answers).some((f) => !kept.includes(f.id)) ? kept : undefined,
  });
  if (!filed) return null;
  await deleteBlobs(env.blobs, filed.staleBlobs);
  return { ok: true, id: row.id, reference, already: false };
}

interface DraftForSubmission {
  version: string;
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

/** The receipt: by SMS when the applicant has a phone, else by e-mail; in their language. */
function receiptOf(
  env: Env,
  d: { dossierId: string; reference: string; title: string; phone: string | null; email: string | null; locale: Locale },
): Message | undefined {
  const params = { reference: d.reference, title: d.title, url: `${env.config.publicUrl}${dossierPath(d.dossierId)}` };
  if (d.phone) return { channel: 'sms', to: d.phone, body: translate(d.locale, 'dossiers.notify.submitted.sms', params) };
  if (d.email) {
    return {
      channel: 'email',
      to: d.email,
      subject: translate(d.locale, 'dossiers.notify.submitted.subject', params),
      body: translate(d.locale, 'dossiers.notify.submitted.email', params),
    };
  }
  return undefined;
}

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
import type { Locale } from '../../config.ts';
import { feeOf, textIn, validateAnswers, type Answers, type FieldError } from '../forms/index.ts';
import { pickTeam, type Rule } from '../instruction/index.ts';
import { filesOf, localYear, validationContext } from './context.ts';
import { deleteBlobs } from './drafts.ts';
import { composeNews, type OwnTemplates } from './notify-applicant.ts';
import { newReference } from './reference.ts';
import { revisionById } from './revisions-store.ts';
import * as store from './store.ts';

type Env = { db: Kysely<DB>; blobs: BlobStore; config: Pick<Config, 'country' | 'timeZone' | 'publicUrl'> };

export const SUBMIT_KEY = /^[A-Za-z0-9_-]{20,64}$/;

export type SubmitResult =
  /** `awaitingPayment`: the procedure asks a fee; the dossier is filed once a provider confirms the payment. */
  | { ok: true; id: string; reference: string; already: boolean; awaitingPayment?: boolean }
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
      if (constraint === 'dossiers_submit_key_key' || constraint === 'payment_dues_submit_key_key') return { ok: false, reason: 'key-used' };
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
        FROM routing_rules r WHERE r.procedure_id = d.procedure_id) AS rules,
      -- The procedure's own receipt, if its managers wrote one (decision 0014): a primary-key lookup in this
      -- same query, so the submission keeps its round trips.
      (SELECT json_object_agg(n.locale, json_build_object('sms', n.sms, 'subject', n.subject, 'body', n.body))
        FROM procedure_notification_templates n
        WHERE n.procedure_id = d.procedure_id AND n.kind = 'submitted' AND n.locale IN (coalesce(u.locale, ${input.locale}), 'fr')) AS notice_templates
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
  // A procedure with a fee (payments, decision 0017) waits for its payment instead; free ones go on at once.
  const fee = revision.definition.fee ? feeOf(revision.definition, checked.answers) : 0;
  if (fee > 0) {
    const label = revision.definition.fee?.label ? textIn(revision.definition.fee.label, 'fr') : null;
    const held = await holdForPayment(env.db, { id: row.id, version: row.version, reference, key: input.key, answers: checked.answers, amount: fee, label, at: input.now });
    return held ? { ok: true, id: row.id, reference: held, already: false, awaitingPayment: true } : null;
  }
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
    receipt: receiptOf(env, { ...row, dossierId: row.id, reference, dueAt: filing.dueAt, locale: (row.locale as Locale | null) ?? input.locale }),
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
  notice_templates: OwnTemplates | null;
}

/** The receipt: by SMS when the applicant has a phone, else by e-mail; in their language; the procedure's words if any. */
function receiptOf(
  env: { config: Pick<Config, 'publicUrl'> },
  d: { dossierId: string; reference: string; title: string; phone: string | null; email: string | null; locale: Locale; dueAt: Date | null; notice_templates: OwnTemplates | null },
): Message | undefined {
  return composeNews(env.config, { phone: d.phone, email: d.email, locale: d.locale }, {
    kind: 'submitted',
    dossierId: d.dossierId,
    reference: d.reference,
    title: d.title,
    status: 'submitted',
    dueAt: d.dueAt,
    own: d.notice_templates ?? {},
  });
}

// ---- Procedures with a fee (decision 0017) -------------------------------------------------------------

/**
 * The dossier waits for its payment: it stays a draft (agents never see it), gets its reference, and its
 * checked answers and key are kept with the amount owed. The same click again (or another key of the same
 * draft) finds the due already there and leads to the same payment page. Returns the reference, or null when
 * the draft changed since it was read. One statement.
 */
async function holdForPayment(
  db: Kysely<DB>,
  d: { id: string; version: string; reference: string; key: string; answers: Answers; amount: number; label: string | null; at: Date },
): Promise<string | null> {
  const { rows } = await sql<{ reference: string | null }>`
    WITH held AS (
      UPDATE dossiers SET reference = coalesce(reference, ${d.reference}), updated_at = ${d.at}
      WHERE id = ${d.id} AND status = 'draft' AND xmin::text = ${d.version}
      RETURNING id, reference),
    due AS (
      INSERT INTO payment_dues (dossier_id, amount, submit_key, answers, label, created_at)
      SELECT id, ${d.amount}, ${d.key}, ${JSON.stringify(d.answers)}::jsonb, ${d.label}, ${d.at} FROM held
      ON CONFLICT (dossier_id) DO NOTHING
      RETURNING dossier_id)
    SELECT (SELECT reference FROM held) AS reference, (SELECT count(*) FROM due)::int AS created`.execute(db);
  return rows[0]?.reference ?? null;
}

export type FileHeldResult = { filed: true; reference: string } | { filed: false; reason: 'no-due' | 'already-paid' | 'not-draft' };

/**
 * Files a dossier that waited for its payment, inside the caller's transaction (the payments module's, which
 * marks the payment succeeded in the same one): the answers that were paid for, the key of the first click,
 * its team by the routing rules, its legal delay, the applicant's receipt by SMS or e-mail. The due is locked
 * first: a second payment confirmed for the same dossier finds it paid and is flagged by the caller.
 */
export async function fileHeldDossier(
  trx: Kysely<DB>,
  env: { config: Pick<Config, 'country' | 'timeZone' | 'publicUrl' | 'defaultLocale'> },
  input: { dossierId: string; paymentId: string; now: Date },
): Promise<FileHeldResult> {
  const due = await trx
    .selectFrom('payment_dues')
    .select(['submit_key', 'answers', 'paid_at'])
    .where('dossier_id', '=', input.dossierId)
    .forUpdate()
    .executeTakeFirst();
  if (!due) return { filed: false, reason: 'no-due' };
  if (due.paid_at) return { filed: false, reason: 'already-paid' };
  const { rows } = await sql<Omit<DraftForSubmission, 'version' | 'published_id' | 'key_owner' | 'answers' | 'submit_key' | 'revision_id'> & { applicant_id: string }>`
    SELECT d.id, d.status, d.reference, d.applicant_id, u.phone, u.email, u.locale, f.title,
      p.administration_id, pp.default_team_id, coalesce(pp.legal_delay_days, p.delay_days) AS delay_days,
      (SELECT json_agg(json_build_object('teamId', r.team_id, 'condition', r.condition) ORDER BY r.position)
        FROM routing_rules r WHERE r.procedure_id = d.procedure_id) AS rules,
      (SELECT json_object_agg(n.locale, json_build_object('sms', n.sms, 'subject', n.subject, 'body', n.body))
        FROM procedure_notification_templates n
        WHERE n.procedure_id = d.procedure_id AND n.kind = 'submitted' AND n.locale IN (coalesce(u.locale, ${env.config.defaultLocale}), 'fr')) AS notice_templates
    FROM dossiers d
    JOIN users u ON u.id = d.applicant_id
    JOIN procedures p ON p.id = d.procedure_id
    LEFT JOIN procedure_processing pp ON pp.procedure_id = d.procedure_id
    JOIN procedure_texts f ON f.procedure_id = d.procedure_id AND f.locale = 'fr'
    WHERE d.id = ${input.dossierId}`.execute(trx);
  const row = rows[0];
  if (!row || row.status !== 'draft' || !row.reference) return { filed: false, reason: 'not-draft' };
  const answers = due.answers as Answers;
  const locale = (row.locale as Locale | null) ?? env.config.defaultLocale;
  const dueAt = row.delay_days ? new Date(input.now.getTime() + row.delay_days * 86_400_000) : null;
  const filed = await store.markSubmitted(trx, {
    id: row.id,
    key: due.submit_key,
    reference: row.reference,
    answers,
    at: input.now,
    eventId: newId(),
    actorId: row.applicant_id,
    teamId: pickTeam(row.rules ?? [], row.default_team_id, answers),
    administrationId: row.administration_id,
    dueAt,
    receipt: receiptOf(env, { ...row, dossierId: row.id, reference: row.reference, dueAt, locale }),
  });
  if (!filed) return { filed: false, reason: 'not-draft' };
  await trx.updateTable('payment_dues').set({ paid_at: input.now, payment_id: input.paymentId }).where('dossier_id', '=', input.dossierId).execute();
  return { filed: true, reference: row.reference };
}

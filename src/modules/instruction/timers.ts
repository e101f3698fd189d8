// The deadlines of the back office, kept by the maintenance loop that every instance runs:
// - a dossier whose legal delay ran out while it waited for the administration (submitted or in review), on a
//   procedure where silence means acceptance or refusal, is decided by the platform, with the reason written
//   on its timeline, told to the applicant and recorded in the audit log with no actor;
// - a few days before the deadline, the dossier's team is reminded, once.
// A dossier in correction waits for its applicant: the clock stops, and answering the correction pushes the
// deadline back by the time it took (dossiers/corrections.ts), which also lets one more reminder go out.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config, Locale } from '../../config.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { MaintenanceTask } from '../../platform/jobs/maintenance.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { queueMessage } from '../../platform/notify/messages.ts';
import { createI18n, isLocale, translate, type MessageKey } from '../../platform/i18n/index.ts';
import { decide } from '../dossiers/index.ts';
import { agentDossierPath } from './paths.ts';

type TimerConfig = Pick<Config, 'publicUrl' | 'timeZone'>;

const DAY_MS = 86_400_000;
/** Dossiers handled per query; a run goes on while batches come back full, up to ROUNDS of them. */
const BATCH = 200;
const ROUNDS = 20;

/** The maintenance task: silence decisions first, so nobody is reminded of a deadline already past. */
export function dossierTimers(config: TimerConfig): MaintenanceTask {
  return async (db, now) => {
    await decideSilences(db, config, now);
    await sendReminders(db, config, now);
  };
}

interface Expired {
  id: string;
  version: number;
  silence: 'accept' | 'refuse';
  dueAt: Date;
  administrationId: string | null;
}

/**
 * Decides the overdue dossiers of "silence means ..." procedures; returns how many it decided. No row is
 * locked while choosing them: decide() locks each dossier and checks its version, so when another instance
 * (or an agent) got there first the move is refused as stale and skipped here — never taken twice.
 */
export async function decideSilences(db: Kysely<DB>, config: TimerConfig, now: Date): Promise<number> {
  let decided = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const { rows } = await sql<Expired>`
      SELECT d.id, d.version, pp.silence, d.due_at AS "dueAt", d.administration_id AS "administrationId"
      FROM dossiers d JOIN procedure_processing pp ON pp.procedure_id = d.procedure_id
      WHERE d.status IN ('submitted', 'in_review') AND d.due_at IS NOT NULL AND d.due_at <= ${now} AND pp.silence <> 'none'
      ORDER BY d.due_at, d.id
      LIMIT ${BATCH}`.execute(db);
    let moved = 0;
    for (const row of rows) if (await decideOne(db, config, now, row)) moved++;
    decided += moved;
    // A full batch of which nothing moved: others are deciding them; the next run will see what is left.
    if (rows.length < BATCH || moved === 0) break;
  }
  return decided;
}

async function decideOne(db: Kysely<DB>, config: TimerConfig, now: Date, row: Expired): Promise<boolean> {
  const action = row.silence === 'accept' ? 'accept' : 'refuse';
  // In French, the administration's language: the motivation is kept on the timeline as written.
  const motivation = translate('fr', `instruction.silence.${row.silence}`, { date: createI18n('fr', config.timeZone).date(row.dueAt) });
  const result = await decide(
    { db, config },
    {
      dossierId: row.id,
      action,
      motivation,
      version: row.version,
      agentId: null,
      now,
      automatic: true,
      alsoInTransaction: (trx, status) =>
        appendAudit(trx, {
          actorId: null,
          action: 'dossier.decision',
          subject: { type: 'dossier', id: row.id },
          administrationId: row.administrationId,
          details: { action, status, automatic: true, reason: 'silence', dueAt: row.dueAt.toISOString() },
        }),
    },
  );
  return result.ok;
}

interface Due {
  id: string;
  reference: string;
  procedureId: string;
  teamId: string | null;
  dueAt: Date;
  silence: 'none' | 'accept' | 'refuse';
}

/**
 * Reminds each member of a dossier's team when its deadline comes within the procedure's reminder window;
 * returns how many dossiers it reminded. The dossiers are claimed with FOR UPDATE SKIP LOCKED and marked in the
 * transaction that queues the messages, so two instances never remind of the same dossier twice.
 */
export async function sendReminders(db: Kysely<DB>, config: TimerConfig, now: Date): Promise<number> {
  let reminded = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const n = await db.transaction().execute((trx) => remindBatch(trx, config, now));
    reminded += n;
    if (n < BATCH) break;
  }
  return reminded;
}

async function remindBatch(trx: Transaction<DB>, config: TimerConfig, now: Date): Promise<number> {
  const window = sql`make_interval(days => coalesce(pp.reminder_days, 3))`;
  // The 30-day bound is the column's maximum: it keeps the scan of the deadline index short.
  const { rows } = await sql<Due>`
    SELECT d.id, d.reference, d.procedure_id AS "procedureId", d.team_id AS "teamId", d.due_at AS "dueAt", coalesce(pp.silence, 'none') AS silence
    FROM dossiers d LEFT JOIN procedure_processing pp ON pp.procedure_id = d.procedure_id
    WHERE d.status IN ('submitted', 'in_review') AND d.due_at IS NOT NULL
      AND d.due_at > ${now}::timestamptz AND d.due_at <= ${now}::timestamptz + interval '30 days'
      AND d.due_at <= ${now}::timestamptz + ${window}
      AND (d.reminded_at IS NULL OR d.reminded_at < d.due_at - ${window})
    ORDER BY d.due_at, d.id
    LIMIT ${BATCH}
    FOR UPDATE OF d SKIP LOCKED`.execute(trx);
  if (rows.length === 0) return 0;

  const teamIds = [...new Set(rows.flatMap((r) => (r.teamId ? [r.teamId] : [])))];
  const members = teamIds.length === 0 ? [] : await trx
    .selectFrom('team_members as tm')
    .innerJoin('users as u', 'u.id', 'tm.user_id')
    .select(['tm.team_id as teamId', 'u.email', 'u.phone', 'u.locale'])
    .where('tm.team_id', 'in', teamIds)
    .execute();
  const titles = await trx
    .selectFrom('procedure_texts')
    .select(['procedure_id', 'locale', 'title'])
    .where('procedure_id', 'in', [...new Set(rows.map((r) => r.procedureId))])
    .execute();
  const titleOf = (procedureId: string, locale: Locale) =>
    (titles.find((x) => x.procedure_id === procedureId && x.locale === locale) ?? titles.find((x) => x.procedure_id === procedureId && x.locale === 'fr'))?.title ?? '';

  for (const d of rows) {
    for (const m of members.filter((x) => x.teamId === d.teamId)) {
      const locale: Locale = isLocale(m.locale) ? m.locale : 'fr';
      const i18n = createI18n(locale, config.timeZone);
      const params = {
        reference: d.reference,
        procedure: titleOf(d.procedureId, locale),
        date: i18n.date(d.dueAt),
        n: Math.max(1, Math.ceil((d.dueAt.getTime() - now.getTime()) / DAY_MS)),
        silence: d.silence === 'none' ? '' : i18n.t(`instruction.reminder.silence_${d.silence}` as MessageKey),
        url: `${config.publicUrl}${agentDossierPath(d.id)}`,
      };
      // Staff work at a desk: e-mail first, the longer message; SMS for those who gave only a phone.
      if (m.email) await queueMessage(trx, { channel: 'email', to: m.email, subject: i18n.t('instruction.reminder.subject', params), body: i18n.t('instruction.reminder.email', params) });
      else if (m.phone) await queueMessage(trx, { channel: 'sms', to: m.phone, body: i18n.t('instruction.reminder.sms', params) });
    }
  }
  // Not a change an agent made: the version and updated_at stay, so no open page of the dossier turns stale.
  await trx.updateTable('dossiers').set({ reminded_at: now }).where('id', 'in', rows.map((r) => r.id)).execute();
  return rows.length;
}

// Telling agents what arrived for their teams: a new dossier, a dossier back from correction, a message from
// an applicant. The worker picks up what nobody was told yet (rows flagged `agents_told = false`, locked with
// SKIP LOCKED so several instances share the work without telling anyone twice) and, for each member of the
// dossier's team, follows his choice: a message at once, a line in tomorrow's digest, or nothing. The digest
// goes out once a day, from 7 a.m. in the service's time zone.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB, NoticeMode } from '../../platform/db/schema.ts';
import { newId } from '../../platform/db/ids.ts';
import { queueMessage } from '../../platform/notify/messages.ts';
import { translate, type MessageKey } from '../../platform/i18n/index.ts';
import type { Locale } from '../../config.ts';
import { agentDossierPath, INBOX } from './paths.ts';

export const NOTICE_MODES: readonly NoticeMode[] = ['each', 'digest', 'none'];
const BATCH = 500;
const DIGEST_HOUR = 7;

type Kind = 'submitted' | 'correction_answered' | 'message';

interface News {
  source: 'event' | 'message';
  id: string;
  kind: Kind;
  dossierId: string;
  reference: string;
  teamId: string | null;
}

export function agentNotices(config: Pick<Config, 'publicUrl' | 'timeZone'>) {
  return async (db: Kysely<DB>, now: Date): Promise<void> => {
    // Batches until nothing is left, each in its own transaction: a crash loses at most one batch's flags.
    while (await db.transaction().execute((trx) => tellBatch(trx, config))) {}
    await sendDigests(db, config, now);
  };
}

async function tellBatch(trx: Transaction<DB>, config: Pick<Config, 'publicUrl'>): Promise<boolean> {
  // Two queries, not a UNION: PostgreSQL locks rows (FOR UPDATE) only in a plain SELECT.
  const events = await sql<News>`
    SELECT 'event' AS source, e.id, e.kind, d.id AS "dossierId", d.reference, d.team_id AS "teamId"
    FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
    WHERE NOT e.agents_told AND e.kind IN ('submitted', 'correction_answered')
    ORDER BY e.created_at LIMIT ${BATCH} FOR UPDATE OF e SKIP LOCKED`.execute(trx);
  const messages = await sql<News>`
    SELECT 'message' AS source, m.id, 'message' AS kind, d.id AS "dossierId", d.reference, d.team_id AS "teamId"
    FROM dossier_messages m JOIN dossiers d ON d.id = m.dossier_id
    WHERE NOT m.agents_told AND m.from_applicant
    ORDER BY m.created_at LIMIT ${BATCH} FOR UPDATE OF m SKIP LOCKED`.execute(trx);
  const rows = [...events.rows, ...messages.rows];
  if (rows.length === 0) return false;
  const teams = [...new Set(rows.flatMap((r) => (r.teamId ? [r.teamId] : [])))];
  const members = teams.length === 0 ? [] : await membersOf(trx, teams);
  for (const news of rows) {
    for (const m of members.filter((x) => x.teamId === news.teamId)) {
      if (m.notices === 'each') await queueMessage(trx, noticeFor(m, news, config));
      else if (m.notices === 'digest') await trx.insertInto('agent_digest_items').values({ id: newId(), user_id: m.userId, dossier_id: news.dossierId, kind: news.kind }).execute();
    }
  }
  const ids = (source: News['source']) => rows.filter((r) => r.source === source).map((r) => r.id);
  if (ids('event').length > 0) await trx.updateTable('dossier_events').set({ agents_told: true }).where('id', 'in', ids('event')).execute();
  if (ids('message').length > 0) await trx.updateTable('dossier_messages').set({ agents_told: true }).where('id', 'in', ids('message')).execute();
  return true;
}

interface Member {
  teamId: string;
  userId: string;
  email: string | null;
  phone: string | null;
  locale: Locale;
  notices: NoticeMode;
}

async function membersOf(db: Transaction<DB> | Kysely<DB>, teamIds: string[]): Promise<Member[]> {
  const rows = await db
    .selectFrom('team_members as tm')
    .innerJoin('users as u', 'u.id', 'tm.user_id')
    .leftJoin('agent_preferences as p', 'p.user_id', 'u.id')
    .select(['tm.team_id', 'u.id', 'u.email', 'u.phone', 'u.locale', 'p.notices'])
    .where('tm.team_id', 'in', teamIds)
    .execute();
  return rows.map((r) => ({ teamId: r.team_id, userId: r.id, email: r.email, phone: r.phone, locale: (r.locale as Locale | null) ?? 'fr', notices: r.notices ?? 'each' }));
}

/** An e-mail when the agent has an address (agents work at a desk), else an SMS. */
function noticeFor(m: Member, news: News, config: Pick<Config, 'publicUrl'>) {
  const params = { reference: news.reference, url: `${config.publicUrl}${agentDossierPath(news.dossierId)}` };
  const key = (part: string) => `instruction.notice.${news.kind}.${part}` as MessageKey;
  if (m.email) return { channel: 'email' as const, to: m.email, subject: translate(m.locale, key('subject'), params), body: translate(m.locale, key('body'), params) };
  return { channel: 'sms' as const, to: m.phone!, body: translate(m.locale, key('subject'), params) };
}

/** One message per agent with waiting lines, at most once a day, not before 7 a.m. local time. */
async function sendDigests(db: Kysely<DB>, config: Pick<Config, 'publicUrl' | 'timeZone'>, now: Date): Promise<void> {
  if (localHour(now, config.timeZone) < DIGEST_HOUR) return;
  const due = await db
    .selectFrom('agent_digest_items as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .leftJoin('agent_preferences as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.phone', 'u.locale'])
    .where((eb) => eb.or([eb('p.last_digest_at', 'is', null), eb('p.last_digest_at', '<', new Date(now.getTime() - 20 * 3_600_000))]))
    .groupBy(['u.id', 'u.email', 'u.phone', 'u.locale'])
    .execute();
  for (const user of due) {
    await db.transaction().execute(async (trx) => {
      const items = await trx
        .deleteFrom('agent_digest_items')
        .where('user_id', '=', user.id)
        .returning(['dossier_id', 'kind'])
        .execute();
      if (items.length === 0) return;
      const references = await trx.selectFrom('dossiers').select(['id', 'reference']).where('id', 'in', [...new Set(items.map((i) => i.dossier_id))]).execute();
      const locale = (user.locale as Locale | null) ?? 'fr';
      const lines = items.map((i) => `- ${references.find((r) => r.id === i.dossier_id)?.reference ?? ''} : ${translate(locale, `instruction.notice.${i.kind as Kind}.line` as MessageKey)}`);
      const params = { count: items.length, lines: lines.join('\n'), url: `${config.publicUrl}${INBOX}` };
      const to = user.email ?? user.phone;
      if (to) {
        await queueMessage(trx, user.email
          ? { channel: 'email', to, subject: translate(locale, 'instruction.digest.subject', params), body: translate(locale, 'instruction.digest.body', params) }
          : { channel: 'sms', to, body: translate(locale, 'instruction.digest.subject', params) });
      }
      await trx
        .insertInto('agent_preferences')
        .values({ user_id: user.id, last_digest_at: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_digest_at: now }))
        .execute();
    });
  }
}

function localHour(now: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(now));
}

export async function noticeMode(db: Kysely<DB>, userId: string): Promise<NoticeMode> {
  const row = await db.selectFrom('agent_preferences').select('notices').where('user_id', '=', userId).executeTakeFirst();
  return row?.notices ?? 'each';
}

export async function setNoticeMode(db: Kysely<DB>, userId: string, mode: NoticeMode): Promise<void> {
  await db
    .insertInto('agent_preferences')
    .values({ user_id: userId, notices: mode })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ notices: mode }))
    .execute();
}

// Telling the applicant that something happened to a dossier: by SMS when they have a phone (short), else by
// e-mail (long), in their language, queued in the caller's transaction so the message goes out only if the
// change it announces is committed. The words are the procedure's own when its managers wrote some for this
// kind of news, else the platform's (notice-templates.ts, decision 0014).
import { sql, type Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Locale } from '../../config.ts';
import type { DB, DossierStatus } from '../../platform/db/schema.ts';
import { queueMessage, type Message } from '../../platform/notify/messages.ts';
import { isLocale, type Params } from '../../platform/i18n/index.ts';
import { chooseTemplate, fill, newsValues, platformTemplate, type NewsKind, type TemplateSet } from './notice-templates.ts';
import { dossierPath } from './paths.ts';

export type { NewsKind } from './notice-templates.ts';

export interface Recipient {
  phone: string | null;
  email: string | null;
  locale: Locale;
}

/** What the procedure says itself for one kind of news, by language (only the recipient's and French are read). */
export type OwnTemplates = Partial<Record<string, TemplateSet>>;

type NoticeConfig = Pick<Config, 'publicUrl'> & Partial<Pick<Config, 'timeZone'>>;

export async function notifyApplicant(
  trx: Transaction<DB>,
  config: NoticeConfig,
  to: Recipient,
  news: { kind: NewsKind; dossierId: string; reference: string; params?: Params },
): Promise<void> {
  if (!to.phone && !to.email) return;
  // The one read this adds to a move: the dossier's procedure title, status and deadline, and the procedure's
  // templates for this kind in the recipient's language and in French (primary key lookups).
  const { rows } = await sql<{ title: string; status: DossierStatus; due_at: Date | null; own: OwnTemplates | null }>`
    SELECT coalesce(t.title, f.title) AS title, d.status, d.due_at,
      (SELECT json_object_agg(n.locale, json_build_object('sms', n.sms, 'subject', n.subject, 'body', n.body))
        FROM procedure_notification_templates n
        WHERE n.procedure_id = d.procedure_id AND n.kind = ${news.kind} AND n.locale IN (${to.locale}, 'fr')) AS own
    FROM dossiers d
    JOIN procedure_texts f ON f.procedure_id = d.procedure_id AND f.locale = 'fr'
    LEFT JOIN procedure_texts t ON t.procedure_id = d.procedure_id AND t.locale = ${to.locale}
    WHERE d.id = ${news.dossierId}`.execute(trx);
  const row = rows[0];
  const message = composeNews(config, to, {
    kind: news.kind,
    dossierId: news.dossierId,
    reference: news.reference,
    title: row?.title ?? '',
    status: row?.status ?? 'submitted',
    dueAt: row?.due_at ? new Date(row.due_at) : null,
    own: row?.own ?? {},
    params: news.params,
  });
  if (message) await queueMessage(trx, message);
}

/**
 * The message for one piece of news: the procedure's template chosen for the recipient's language, filled, or
 * the platform's text with its own parameters. Also used by the submission, which reads the templates within
 * its single query.
 */
export function composeNews(
  config: NoticeConfig,
  to: Recipient,
  news: { kind: NewsKind; dossierId: string; reference: string; title: string; status: DossierStatus; dueAt: Date | null; own: OwnTemplates; params?: Params },
): Message | undefined {
  const link = `${config.publicUrl}${dossierPath(news.dossierId)}`;
  const chosen = chooseTemplate(to.locale, news.kind, news.own);
  let text: TemplateSet;
  if (chosen.template) {
    // Status and date speak the template's language: French when the procedure's French stands in.
    const language = chosen.source === 'procedure-fr' ? 'fr' : to.locale;
    const motivation = String(news.params?.motivation ?? news.params?.reason ?? '');
    const values = newsValues(language, config.timeZone ?? 'UTC', { reference: news.reference, procedure: news.title, link, status: news.status, dueAt: news.dueAt, motivation });
    text = { sms: fill(chosen.template.sms, values), subject: fill(chosen.template.subject, values), body: fill(chosen.template.body, values) };
  } else {
    const params: Params = { ...news.params, title: news.title, reference: news.reference, url: link };
    const platform = platformTemplate(to.locale, news.kind);
    const put = (s: string) => s.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    text = { sms: put(platform.sms), subject: put(platform.subject), body: put(platform.body) };
  }
  // Subjects are one line: a line break there would be a header of its own.
  const subject = text.subject.replace(/[\r\n]+/g, ' ');
  if (to.phone) return { channel: 'sms', to: to.phone, body: text.sms };
  if (to.email) return { channel: 'email', to: to.email, subject, body: text.body };
  return undefined;
}

/** The applicant of a dossier as a recipient of its news. */
export async function applicantOf(trx: Transaction<DB>, applicantId: string): Promise<Recipient> {
  const user = await trx.selectFrom('users').select(['phone', 'email', 'locale']).where('id', '=', applicantId).executeTakeFirst();
  return { phone: user?.phone ?? null, email: user?.email ?? null, locale: isLocale(user?.locale) ? user.locale : 'fr' };
}

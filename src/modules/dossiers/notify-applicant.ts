// Telling the applicant that something happened to a dossier: by SMS when they have a phone (short), else by
// e-mail (long), in their language, queued in the caller's transaction so the message goes out only if the
// change it announces is committed.
import type { Transaction } from 'kysely';
import type { Config } from '../../config.ts';
import type { Locale } from '../../config.ts';
import type { DB } from '../../platform/db/schema.ts';
import { queueMessage } from '../../platform/notify/messages.ts';
import { translate, type MessageKey, type Params } from '../../platform/i18n/index.ts';
import { dossierPath } from './paths.ts';

/** The templates of one kind of news: `dossiers.notify.<kind>.sms`, `.subject` and `.email`. */
export type NewsKind = 'submitted' | 'correction' | 'in_review' | 'accepted' | 'refused' | 'closed' | 'reopened' | 'message';

export interface Recipient {
  phone: string | null;
  email: string | null;
  locale: Locale;
}

export async function notifyApplicant(
  trx: Transaction<DB>,
  config: Pick<Config, 'publicUrl'>,
  to: Recipient,
  news: { kind: NewsKind; dossierId: string; reference: string; params?: Params },
): Promise<void> {
  const params = { ...news.params, reference: news.reference, url: `${config.publicUrl}${dossierPath(news.dossierId)}` };
  const key = (part: string) => `dossiers.notify.${news.kind}.${part}` as MessageKey;
  if (to.phone) {
    await queueMessage(trx, { channel: 'sms', to: to.phone, body: translate(to.locale, key('sms'), params) });
  } else if (to.email) {
    await queueMessage(trx, { channel: 'email', to: to.email, subject: translate(to.locale, key('subject'), params), body: translate(to.locale, key('email'), params) });
  }
}

/** The applicant of a dossier as a recipient of its news. */
export async function applicantOf(trx: Transaction<DB>, applicantId: string): Promise<Recipient> {
  const user = await trx.selectFrom('users').select(['phone', 'email', 'locale']).where('id', '=', applicantId).executeTakeFirst();
  return { phone: user?.phone ?? null, email: user?.email ?? null, locale: (user?.locale as Locale | null) ?? 'fr' };
}

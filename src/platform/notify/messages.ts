// Outgoing messages. Queuing one writes the message and its delivery job in the caller's transaction; the
// worker delivers it later through the configured channel.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { newId } from '../db/ids.ts';
import { jobRow, type JobHandler } from '../jobs/outbox.ts';
import type { Channels } from './channels.ts';

export const SEND_JOB = 'notify.send';

export interface Message {
  channel: 'sms' | 'email';
  to: string;
  subject?: string;
  body: string;
}

export async function queueMessage(trx: Kysely<DB> | Transaction<DB>, message: Message): Promise<string> {
  const { notification, job } = messageRows(message);
  // The message and its delivery job in one statement: each round trip to the database counts.
  await trx
    .with('message', (db) => db.insertInto('notifications').values(notification))
    .insertInto('jobs')
    .values(job)
    .execute();
  return notification.id;
}

/** The rows `queueMessage` writes, for a caller that writes them in a statement of its own (a submission). */
export function messageRows(message: Message) {
  const id = newId();
  return {
    notification: { id, channel: message.channel, recipient: message.to, subject: message.subject ?? null, body: message.body },
    job: jobRow(SEND_JOB, { notificationId: id }),
  };
}

export function sendJobHandler(db: Kysely<DB>, channels: Channels): JobHandler {
  return async (payload) => {
    const id = String(payload.notificationId);
    const n = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!n || n.status === 'sent') return; // already delivered by an earlier attempt
    await channels[n.channel]({ to: n.recipient, subject: n.subject ?? undefined, body: n.body });
    await db.updateTable('notifications').set({ status: 'sent', sent_at: new Date() }).where('id', '=', id).execute();
  };
}

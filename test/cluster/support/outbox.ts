// What left the platform, read from the instances' SMTP sinks, and the outbox as the test feeds and watches it
// directly in the database.
import type pg from 'pg';
import { newId } from '../../../src/platform/db/ids.ts';
import { waitFor } from '../../crash/support/wait.ts';
import type { Cluster } from './cluster.ts';

/** How many mails containing `needle` each instance delivered. */
export function deliveries(cluster: Cluster, needle: string): { A: number; B: number; total: number } {
  const [a, b] = cluster.instances.map((i) => i.smtp.mails.filter((m) => m.text.includes(needle)).length) as [number, number];
  return { A: a, B: b, total: a + b };
}

/** Waits until every message job is done (none pending, none failed for good). */
export async function drainOutbox(sql: pg.Pool, timeoutMs: number): Promise<number> {
  return waitFor(
    async () => (await sql.query(`SELECT count(*)::int AS n FROM jobs WHERE kind = 'notify.send' AND status <> 'done'`)).rows[0].n === 0,
    timeoutMs,
    'the outbox to deliver every message',
  );
}

/**
 * Queues `count` e-mails at once, as many changes committed together would (message and delivery job in one
 * transaction, like `queueMessage`): each body carries its own token so that a delivery can be counted.
 */
export async function queueBurst(sql: pg.Pool, count: number, tag: string): Promise<string[]> {
  const tokens = Array.from({ length: count }, (_, i) => `${tag}-${String(i).padStart(4, '0')}`);
  const client = await sql.connect();
  try {
    await client.query('BEGIN');
    for (const token of tokens) {
      const id = newId();
      await client.query(`INSERT INTO notifications (id, channel, recipient, subject, body) VALUES ($1, 'email', $2, 'Cluster', $3)`, [id, `${token}@exemple.ne`, `Message ${token}.`]);
      await client.query(`INSERT INTO jobs (id, kind, payload) VALUES ($1, 'notify.send', $2)`, [newId(), JSON.stringify({ notificationId: id })]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  return tokens;
}

// Fixed-window counters in the database, so a limit holds across every instance of the platform.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Counts one attempt under `key`; false when the window's limit was already reached. */
export async function allow(db: Kysely<DB>, key: string, limit: number, windowSeconds: number): Promise<boolean> {
  const windowStart = new Date(Math.floor(Date.now() / (windowSeconds * 1000)) * windowSeconds * 1000);
  const { rows } = await sql<{ count: number }>`
    INSERT INTO throttle (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = throttle.count + 1
    RETURNING count`.execute(db);
  return rows[0]!.count <= limit;
}

/** Old windows are useless once passed (see jobs/maintenance.ts). */
export async function purgeThrottle(db: Kysely<DB>, now = new Date()): Promise<void> {
  await db.deleteFrom('throttle').where('window_start', '<', new Date(now.getTime() - 86_400_000)).execute();
}

// Housekeeping every instance may run (the deletes are idempotent): expired sessions, spent one-time codes
// and past throttling windows do not pile up.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { purgeThrottle } from '../auth/throttle.ts';

const DAY_MS = 86_400_000;

export async function purgeExpired(db: Kysely<DB>, now = new Date()): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await db.deleteFrom('otp_codes').where('expires_at', '<', new Date(now.getTime() - DAY_MS)).execute();
  await purgeThrottle(db, now);
}

/** A module's own housekeeping, run with the platform's. */
export type MaintenanceTask = (db: Kysely<DB>, now: Date) => Promise<void>;

export function startMaintenance(db: Kysely<DB>, onError: (err: unknown) => void, tasks: MaintenanceTask[] = [], everyMs = 15 * 60_000): () => void {
  const run = async () => {
    const now = new Date();
    await purgeExpired(db, now);
    for (const task of tasks) await task(db, now);
  };
  const timer = setInterval(() => run().catch(onError), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

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

export function startMaintenance(db: Kysely<DB>, onError: (err: unknown) => void, everyMs = 15 * 60_000): () => void {
  const timer = setInterval(() => purgeExpired(db).catch(onError), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

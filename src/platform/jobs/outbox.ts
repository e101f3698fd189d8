// The transactional outbox. A job is inserted in the same transaction as the change that causes it, so it
// exists if and only if the change does. Workers on any instance claim jobs with FOR UPDATE SKIP LOCKED and
// a lease: a worker that dies mid-job lets the lease expire and another worker takes the job again. The lease
// is short and renewed while the worker is busy with its batch, so a dead worker's jobs wait half a minute,
// not the time a whole batch could take.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { newId } from '../db/ids.ts';

export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

const LEASE_SECONDS = 30;
const RENEW_EVERY_MS = 10_000;
const MAX_ATTEMPTS = 8;

export async function enqueue(
  trx: Kysely<DB> | Transaction<DB>,
  kind: string,
  payload: Record<string, unknown>,
): Promise<string> {
  const row = jobRow(kind, payload);
  await trx.insertInto('jobs').values(row).execute();
  return row.id;
}

/** A new job's row, for callers that write it within a larger statement. */
export function jobRow(kind: string, payload: Record<string, unknown>) {
  return { id: newId(), kind, payload: JSON.stringify(payload) };
}

interface ClaimedJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Claims up to `limit` due jobs for this worker (short transaction; the work happens after it). */
async function claim(db: Kysely<DB>, limit: number): Promise<ClaimedJob[]> {
  const result = await sql<ClaimedJob>`
    UPDATE jobs SET attempts = attempts + 1, run_after = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE id IN (
      SELECT id FROM jobs WHERE status = 'pending' AND run_after <= now()
      ORDER BY run_after LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, payload, attempts`.execute(db);
  return result.rows;
}

/** Runs every due job once; returns how many ran. Used by the worker loop and by tests. */
export async function runDueJobs(db: Kysely<DB>, handlers: Record<string, JobHandler>, limit = 20): Promise<number> {
  const jobs = await claim(db, limit);
  const waiting = new Set(jobs.map((j) => j.id));
  const renewal = setInterval(() => void renewLeases(db, [...waiting]), RENEW_EVERY_MS);
  try {
    for (const job of jobs) {
      await runJob(db, handlers, job);
      waiting.delete(job.id);
    }
  } finally {
    clearInterval(renewal);
  }
  return jobs.length;
}

/** Keeps the batch's unfinished jobs leased to this worker while it works through the batch. */
async function renewLeases(db: Kysely<DB>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`UPDATE jobs SET run_after = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE id = ANY(${ids}::text[]) AND status = 'pending'`.execute(db).catch(() => {
    // The database is out of reach: the leases run out and another worker takes the jobs, as after a crash.
  });
}

async function runJob(db: Kysely<DB>, handlers: Record<string, JobHandler>, job: ClaimedJob): Promise<void> {
  const handler = handlers[job.kind];
  try {
    if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
    await handler(job.payload);
    await db.updateTable('jobs').set({ status: 'done', done_at: new Date(), last_error: null }).where('id', '=', job.id).execute();
  } catch (err) {
    const giveUp = job.attempts >= MAX_ATTEMPTS;
    // Exponential backoff: 2 s, 4 s, 8 s … capped at an hour.
    const delay = Math.min(2 ** job.attempts, 3600);
    await db
      .updateTable('jobs')
      .set({
        status: giveUp ? 'failed' : 'pending',
        last_error: String((err as Error).message).slice(0, 2000),
        run_after: new Date(Date.now() + delay * 1000),
      })
      .where('id', '=', job.id)
      .execute();
  }
}

export interface Worker {
  stop(): Promise<void>;
}

export function startWorker(
  db: Kysely<DB>,
  handlers: Record<string, JobHandler>,
  opts: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): Worker {
  const interval = opts.intervalMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      // Keep going while there is work; sleep when the queue is empty.
      while (!stopped && (await runDueJobs(db, handlers)) > 0);
    } catch (err) {
      opts.onError?.(err);
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), interval);
  };
  timer = setTimeout(() => (running = tick()), 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

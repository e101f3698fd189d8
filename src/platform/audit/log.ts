// The append-only, hash-chained audit log. Modules call `appendAudit` inside the transaction of the change it
// records, so an entry exists if and only if the change does; `verifyAuditChain` re-checks every link.
//
// Turn-taking: every append locks the single row of `audit_head` (SELECT … FOR UPDATE) and holds it until its
// transaction ends. We chose that over `pg_advisory_xact_lock` because the head row is needed anyway: it gives
// the next seq and the previous hash in one indexed read instead of a look at the log's tail, it lets the
// verifier notice entries deleted from the end of the log, and a waiting append shows up in pg_locks as a wait
// on a named table rather than on a magic number every instance must share. A transaction that rolls back
// releases the lock and undoes its head move with its entry, so seqs stay gapless. The price: audited
// transactions commit one after another from the moment they append, so callers append as their last write.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { entryHash, GENESIS_HASH } from './hash.ts';

export interface AuditEntry {
  /** The user who acted; null when the platform itself did (a deadline passing, an import). */
  actorId: string | null;
  /** `area.verb`, e.g. 'dossier.open', 'rights.team_member_added'. */
  action: string;
  subject?: { type: string; id: string } | null;
  /** The administration whose managers may read the entry. */
  administrationId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  administrationId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * Appends one entry. Pass the caller's transaction so the entry commits or vanishes with the change it
 * records; given the plain database handle, it runs in a transaction of its own.
 */
export async function appendAudit(db: Kysely<DB>, entry: AuditEntry): Promise<AuditRecord> {
  if (!ACTION.test(entry.action)) throw new Error(`audit action must look like 'area.verb', got '${entry.action}'`);
  // What jsonb will give back: undefined dropped, Dates as strings. Hashing this keeps verification stable.
  const details: unknown = JSON.parse(JSON.stringify(entry.details ?? {}));
  if (details === null || typeof details !== 'object' || Array.isArray(details)) {
    throw new Error('audit details must be an object');
  }
  const write = (trx: Kysely<DB>) => appendLocked(trx, entry, details as Record<string, unknown>);
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

async function appendLocked(trx: Kysely<DB>, entry: AuditEntry, details: Record<string, unknown>): Promise<AuditRecord> {
  // The clock is read after the lock is granted (outer SELECT over the locking CTE), so `at` never goes back as
  // seq goes up, and it is the database's clock: instances with drifting clocks still agree. Milliseconds
  // only, because that is what a JS Date holds and the hashed string must equal the stored value.
  const head = (
    await sql<{ seq: number | string; hash: string; now: Date }>`
      WITH head AS MATERIALIZED (SELECT seq, hash FROM audit_head FOR UPDATE)
      SELECT seq, hash, date_trunc('milliseconds', clock_timestamp()) AS now FROM head`.execute(trx)
  ).rows[0];
  if (!head) throw new Error('audit_head is missing: run the migrations');
  const record: AuditRecord = {
    seq: Number(head.seq) + 1,
    at: new Date(head.now),
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subject?.type ?? null,
    subjectId: entry.subject?.id ?? null,
    administrationId: entry.administrationId ?? null,
    details,
    prevHash: head.hash,
    hash: '',
  };
  const at = record.at.toISOString();
  record.hash = entryHash({ ...record, at });
  await sql`
    WITH entry AS (
      INSERT INTO audit_log (seq, at, actor_id, action, subject_type, subject_id, administration_id, details, prev_hash, hash)
      VALUES (${record.seq}, ${at}, ${record.actorId}, ${record.action}, ${record.subjectType}, ${record.subjectId},
              ${record.administrationId}, ${JSON.stringify(details)}, ${record.prevHash}, ${record.hash})
      RETURNING seq, hash)
    UPDATE audit_head SET seq = entry.seq, hash = entry.hash FROM entry`.execute(trx);
  return record;
}

export type AuditVerification =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; seq: number; reason: AuditBreak };

/**
 * - `altered`: the entry's content no longer gives its hash;
 * - `missing`: no entry with this seq although later ones exist or the head counts it (deleted);
 * - `broken_link`: the entry does not point at the one before (entries removed and renumbered, reordered, forged);
 * - `head_mismatch`: the head's hash is not the last entry's;
 * - `anchor_mismatch`: the entry's hash differs from the one published earlier.
 */
export type AuditBreak = 'altered' | 'missing' | 'broken_link' | 'head_mismatch' | 'anchor_mismatch';

/**
 * Re-checks the chain from entry 1 to the head, a page at a time (constant memory at any size). Entries
 * appended while it runs lie beyond the head read at the start and are left for the next run. An anchor is a
 * (seq, hash) published earlier: checking it catches a chain rewritten from end to end by someone with
 * superuser rights, which links alone cannot.
 */
export async function verifyAuditChain(
  db: Kysely<DB>,
  opts: { pageSize?: number; anchor?: { seq: number; hash: string } } = {},
): Promise<AuditVerification> {
  const pageSize = opts.pageSize ?? 2000;
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  const last = Number(head.seq);
  const anchor = opts.anchor;
  if (anchor && anchor.seq > last) return { ok: false, seq: anchor.seq, reason: 'missing' };
  let expected = 1;
  let prevHash = GENESIS_HASH;
  while (expected <= last) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expected)
      .where('seq', '<=', last)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: false, seq: expected, reason: 'missing' };
    for (const row of rows) {
      if (Number(row.seq) !== expected) return { ok: false, seq: expected, reason: 'missing' };
      const record = toRecord(row);
      const recomputed = entryHash({ ...record, at: record.at.toISOString() });
      if (recomputed !== row.hash) return { ok: false, seq: expected, reason: 'altered' };
      if (row.prev_hash !== prevHash) return { ok: false, seq: expected, reason: 'broken_link' };
      if (anchor?.seq === expected && anchor.hash !== row.hash) return { ok: false, seq: expected, reason: 'anchor_mismatch' };
      prevHash = row.hash;
      expected += 1;
    }
  }
  if (head.hash !== prevHash) return { ok: false, seq: last, reason: 'head_mismatch' };
  return { ok: true, count: last, lastHash: prevHash };
}

/**
 * One page of a manager's view, newest first. Continue with `beforeSeq: nextBeforeSeq` (keyset: no OFFSET, so
 * page 1000 costs what page 1 does). One index range per administration, merged, so a manager over several
 * administrations does not sort all their entries.
 */
export async function listAudit(
  db: Kysely<DB>,
  opts: { administrationIds: readonly string[]; beforeSeq?: number; limit: number },
): Promise<{ entries: AuditRecord[]; nextBeforeSeq: number | null }> {
  const ids = [...new Set(opts.administrationIds)];
  if (ids.length === 0) return { entries: [], nextBeforeSeq: null };
  const limit = Math.max(1, Math.min(Math.trunc(opts.limit), 500));
  const before = opts.beforeSeq === undefined ? sql`` : sql`AND seq < ${opts.beforeSeq}`;
  const { rows } = await sql<AuditRow>`
    SELECT e.* FROM (VALUES ${sql.join(ids.map((id) => sql`(${id})`))}) AS adm(id)
    CROSS JOIN LATERAL (
      SELECT * FROM audit_log WHERE administration_id = adm.id ${before} ORDER BY seq DESC LIMIT ${limit + 1}
    ) e
    ORDER BY e.seq DESC LIMIT ${limit + 1}`.execute(db);
  const more = rows.length > limit;
  const entries = rows.slice(0, limit).map(toRecord);
  return { entries, nextBeforeSeq: more ? entries[entries.length - 1]!.seq : null };
}

interface AuditRow {
  seq: number | string;
  at: Date;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  administration_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    seq: Number(row.seq),
    at: new Date(row.at),
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    administrationId: row.administration_id,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

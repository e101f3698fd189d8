// How an audit entry becomes the text that is hashed. Anyone re-checking the log with another tool needs exactly
// this, so it is kept small and explicit: a JSON array of the fields in a fixed order, objects with their keys
// sorted by UTF-16 code unit and numbers written as JavaScript writes them (the rules of RFC 8785, JCS).
import { createHash } from 'node:crypto';

/** The `prev_hash` of entry 1: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  seq: number;
  /** ISO 8601 with milliseconds and `Z`, the very string written to the database. */
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  administrationId: string | null;
  details: unknown;
  prevHash: string;
}

export function entryHash(f: HashedFields): string {
  const text = canonicalJson([
    f.seq, f.at, f.actorId, f.action, f.subjectType, f.subjectId, f.administrationId, f.details, f.prevHash,
  ]);
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with a single spelling per value: the same data always gives the same bytes, whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

// Act numbers: « 2026/000123 », the 123rd act of 2026 in one commune's register — a legal chrono number, so
// sequential on purpose. The counter row of (register, year) is incremented by an upsert inside the
// registration's transaction: PostgreSQL keeps that row locked until the transaction ends, so a second
// registration in the same register waits and then reads the incremented value (two registrations never share
// a number), and a registration that rolls back undoes its increment (no gap), which a SEQUENCE would not.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.ts';

/** The next number of the register for the year; call it inside the transaction that writes the act. */
export async function nextActNumber(trx: Kysely<DB>, registerId: string, year: number): Promise<number> {
  const { rows } = await sql<{ last_number: number }>`
    INSERT INTO civil_act_counters (register_id, year, last_number) VALUES (${registerId}, ${year}, 1)
    ON CONFLICT (register_id, year) DO UPDATE SET last_number = civil_act_counters.last_number + 1
    RETURNING last_number`.execute(trx);
  return Number(rows[0]!.last_number);
}

/** « 2026/000123 » */
export function actNumber(year: number, number: number): string {
  return `${year}/${String(number).padStart(6, '0')}`;
}

/** The year of an instant in the service's time zone (a register's year is the local calendar year). */
export function localYear(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(at));
}

/** The day (yyyy-mm-dd) of an instant in the service's time zone. */
export function localDay(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

// The whole database as one string of per-table hashes: what a refused request must leave exactly as it was.
// Sessions and sign-in throttles are left out: reading a page may extend a session, and a refused password is
// rightly counted.
import { sql } from 'kysely';
import type { TestApp } from './app.ts';

export async function databaseState(t: TestApp): Promise<string> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('sessions', 'throttle')
    ORDER BY table_name`.execute(t.ctx.db);
  const parts = [];
  for (const { name } of tables) {
    const { rows } = await sql<{ h: string | null }>`SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${sql.table(name)} x`.execute(t.ctx.db);
    parts.push(`${name}:${rows[0]!.h ?? ''}`);
  }
  return parts.join('\n');
}

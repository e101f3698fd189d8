// Applies migrations/NNNN_<module>_<what>.sql in order, once each. Two instances starting together are
// serialised by a PostgreSQL advisory lock held for the whole run on one connection.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { DB } from './schema.ts';

const MIGRATIONS_DIR = new URL('../../../migrations/', import.meta.url).pathname;
const LOCK_ID = 7_428_110_001; // any constant shared by every instance of Guichet

export async function migrate(database: Database, log: (msg: string) => void = () => {}): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  await database.db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${LOCK_ID})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(conn);
      const done = new Set(
        (await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(conn)).rows.map((r) => r.name),
      );
      for (const file of files) {
        if (done.has(file)) continue;
        const script = await readFile(join(MIGRATIONS_DIR, file), 'utf8');
        log(`migration ${file}`);
        await runScript(database, conn, script, file);
        applied.push(file);
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(${LOCK_ID})`.execute(conn);
    }
  });
  return applied;
}

async function runScript(database: Database, conn: Kysely<DB>, script: string, file: string) {
  const record = `INSERT INTO schema_migrations (name) VALUES ('${file.replace(/'/g, "''")}');`;
  try {
    await database.execScript(conn, `BEGIN;\n${script}\n${record}\nCOMMIT;`);
  } catch (err) {
    await sql`ROLLBACK`.execute(conn).catch(() => {});
    throw new Error(`migration ${file} failed: ${(err as Error).message}`);
  }
}

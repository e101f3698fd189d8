// Opens the database: PostgreSQL over `pg` when DATABASE_URL is set, embedded PGlite in DATA_DIR otherwise.
// Both speak the same SQL; the rest of the code only sees a Kysely instance.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export interface Database {
  db: Kysely<DB>;
  kind: 'postgres' | 'pglite';
  /**
   * Runs a multi-statement SQL script (migrations) on the given connection. On PGlite there is only one
   * connection, so the caller must already hold it (inside `db.connection().execute`).
   */
  execScript(conn: Kysely<DB>, script: string): Promise<void>;
  close(): Promise<void>;
}

// Keep timestamps as JS Dates and bigints (counts) as numbers: counts here never reach 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export async function openDatabase(opts: { url?: string; dataDir: string; inMemory?: boolean }): Promise<Database> {
  return opts.url ? openPostgres(opts.url) : openPglite(opts.inMemory ? undefined : join(opts.dataDir, 'pglite'));
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 20, connectionTimeoutMillis: 5000 });
  // An idle client losing its server (PostgreSQL restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    async execScript(conn, script) {
      await sql.raw(script).execute(conn);
    },
    close: () => db.destroy(),
  };
}

async function openPglite(dir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  if (dir) await mkdir(dir, { recursive: true });
  const client = await PGlite.create(dir ?? 'memory://', { extensions: { unaccent, pg_trgm } });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    async execScript(_conn, script) {
      await client.exec(script);
    },
    close: () => db.destroy(),
  };
}

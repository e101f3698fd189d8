// Opens the database: PostgreSQL over `pg` when DATABASE_URL is set, embedded PGlite in DATA_DIR otherwise.
// Both speak the same SQL; the rest of the code only sees a Kysely instance.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
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
  /** PGlite only: the whole database as PGlite's own gzipped tar of its data directory (for backups). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

// Keep timestamps as JS Dates and bigints (counts) as numbers: counts here never reach 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

const PREPARED_MARK = '/* prepared */';

/**
 * Put first in a statement that runs on every request (the session lookup) or every submission: on PostgreSQL
 * it is then sent as a named prepared statement (see `preparing`). Only for statements whose plan cannot depend
 * on their parameters (lookups by primary or unique key), since PostgreSQL may settle on one generic plan.
 * PGlite sees a comment.
 */
export const PREPARED = sql.raw(PREPARED_MARK);

/**
 * Whether an error says the database cannot be reached right now (server down or restarting, connection cut,
 * pool unable to connect) rather than that a statement failed: the caller answers "try again shortly" (503).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string' && (/^(08|57P0)/.test(e.code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e.code))) return true;
  return typeof e?.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(e.message);
}

export async function openDatabase(opts: { url?: string; dataDir: string; inMemory?: boolean }): Promise<Database> {
  return opts.url ? openPostgres(opts.url) : openPglite(opts.inMemory ? undefined : join(opts.dataDir, 'pglite'));
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 20, connectionTimeoutMillis: 5000 });
  // An idle client losing its server (PostgreSQL restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparing(pool) }) });
  return {
    db,
    kind: 'postgres',
    async execScript(conn, script) {
      await sql.raw(script).execute(conn);
    },
    close: () => db.destroy(),
  };
}

/**
 * A statement sent unnamed is parsed and planned again on every call, and for the short statements every
 * request or submission runs that is most of their cost in PostgreSQL (measured on this project's 2-core
 * machine, PostgreSQL CPU per call: session lookup 0.5 → 0.2 ms, a submission's statements 2.9 → 1.5 ms).
 * Statements marked PREPARED are sent named instead: each connection parses them once and reuses the plan.
 * Names are given per distinct text; only marked statements get one, so their number stays small.
 */
function preparing(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `guichet_${names.size + 1}`));
    return name;
  };
  // Kysely keeps its connection object per client: hand it the same wrapper each time a client is reused.
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let w = wrapped.get(client);
      if (!w) {
        // A client checked out but between two queries (inside a transaction, or a request between its
        // statements) when PostgreSQL goes away emits 'error' with no query to fail; unheard, that event kills
        // the process (found by test/crash/postgres-restart.crash.ts). Its next query fails instead, and the
        // pool discards it on release.
        client.on('error', () => {});
        const query = (text: string, values: unknown[]) =>
          text.startsWith(PREPARED_MARK) ? client.query({ name: nameOf(text), text, values }) : client.query(text, values);
        // (Kysely's other form of `query`, with a cursor, is only used when the dialect is given one; it is not.)
        // `release` is looked up at each call: the pool gives a client a new one at each checkout.
        w = { query: query as unknown as PostgresPoolClient['query'], release: (destroy) => client.release(destroy) };
        wrapped.set(client, w);
      }
      return w;
    },
    end: () => pool.end(),
  };
}

async function openPglite(dir: string | undefined): Promise<Database> {
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  if (dir) await mkdir(dir, { recursive: true });
  const client = await createPglite(dir ?? 'memory://');
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    async execScript(_conn, script) {
      await client.exec(script);
    },
    dumpDataDir: () => client.dumpDataDir('gzip'),
    close: () => db.destroy(),
  };
}

async function createPglite(dataDir: string, loadDataDir?: Blob) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return PGlite.create(dataDir, { extensions: { unaccent, pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
}

/** Makes the embedded database of `dataDir` from a `dumpDataDir` archive (a restore); the directory must be new. */
export async function loadPgliteDataDir(dataDir: string, archive: Blob): Promise<void> {
  const dir = join(dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  const client = await createPglite(dir, archive);
  await client.close();
}

// Starts Guichet for a test file: embedded PGlite by default, or a fresh PostgreSQL database created for
// this run when DATABASE_URL is set (dropped at the end), with migrations and optionally the demo data.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { buildApp, createContext } from '../../src/app.ts';
import type { AppContext } from '../../src/platform/http/types.ts';
import { seedDemo } from '../../src/seed.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  config: Config;
  database: Database;
  close(): Promise<void>;
}

export interface TestOptions {
  seed?: boolean;
  env?: Record<string, string>;
  /** Extra routes a test needs, added before the server is sealed. */
  extend?: (app: FastifyInstance) => void;
}

/** A throwaway database: a new PostgreSQL database when DATABASE_URL is set, an in-memory PGlite otherwise. */
export async function testDatabase(): Promise<{ database: Database; url: string | undefined; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const database = await openDatabase({ dataDir: tmpdir(), inMemory: true });
    return { database, url: undefined, drop: async () => {} };
  }
  const name = `guichet_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: tmpdir() });
  return {
    database,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startTestApp(opts: TestOptions = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'guichet-test-'));
  const { database, url, drop } = await testDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: 'true', // tests play visitors from different addresses with X-Forwarded-For
    DATA_DIR: dataDir,
    ...(url ? { DATABASE_URL: url } : {}),
    ...opts.env,
  });
  await migrate(database);
  if (opts.seed) await seedDemo(database.db, config.country);
  const ctx = createContext(config, database);
  const app = await buildApp(ctx);
  opts.extend?.(app);
  await app.ready();
  return {
    app,
    ctx,
    config,
    database,
    async close() {
      await app.close();
      await database.close();
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}


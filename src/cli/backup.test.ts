// An operator's backup is worth what its restore gives back: `guichet backup` on an instance holding dossiers,
// then `guichet restore` into an empty one, which must find every dossier and every attachment byte for byte.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../config.ts';
import { buildApp, createContext } from '../app.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { localBlobStore } from '../platform/storage/blobs.ts';
import { seedDemo } from '../seed.ts';
import { testDatabase } from '../../test/support/app.ts';
import { fileCasier } from '../../test/support/applicant.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/guichet.js', import.meta.url).pathname;
const cleanups: (() => Promise<void>)[] = [];

async function guichet(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** The settings of a new, empty instance on disk: PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
async function emptyInstance(): Promise<Record<string, string>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'guichet-instance-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  if (!process.env.DATABASE_URL) return { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir };
  const { database, url, drop } = await testDatabase();
  await database.close();
  cleanups.push(drop);
  return { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DATABASE_URL: url! };
}

function open(env: Record<string, string>): Promise<Database> {
  const config = loadConfig(env);
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
}

interface Filed {
  reference: string;
  status: string;
  files: { name: string; sha256: string }[];
}

/** Every dossier of an instance with the SHA-256 of its attachments' bytes as read from the file store. */
async function contents(env: Record<string, string>): Promise<Filed[]> {
  const database = await open(env);
  const blobs = localBlobStore(join(loadConfig(env).dataDir, 'files'));
  try {
    const dossiers = await database.db.selectFrom('dossiers').select(['id', 'reference', 'status']).where('status', '!=', 'draft').orderBy('reference').execute();
    const result: Filed[] = [];
    for (const d of dossiers) {
      const rows = await database.db.selectFrom('dossier_attachments').select(['name', 'blob_key']).where('dossier_id', '=', d.id).orderBy('name').execute();
      const files = [];
      for (const row of rows) {
        const stream = await blobs.get(row.blob_key);
        assert.ok(stream, `the bytes of ${row.name} are in the file store`);
        const hash = createHash('sha256');
        for await (const chunk of stream) hash.update(chunk as Buffer);
        files.push({ name: row.name, sha256: hash.digest('hex') });
      }
      result.push({ reference: d.reference!, status: d.status, files });
    }
    return result;
  } finally {
    await database.close();
  }
}

let source: Record<string, string>;
let backupDir: string;
let original: Filed[];
/** Every file of the source instance's store: attachments, and documents such as sealed receipts. */
let storedFiles: number;

before(async () => {
  source = await emptyInstance();
  const config = loadConfig({ ...source, TRUST_PROXY: 'true' });
  const database = await open(source);
  await migrate(database);
  await seedDemo(database.db, config.country);
  const ctx = createContext(config, database);
  const app = await buildApp(ctx);
  await app.ready();
  const t = { app, ctx, config, database, close: async () => {} };
  await fileCasier(t);
  await fileCasier(t);
  await app.close();
  await database.close();
  original = await contents(source);
  const entries = await readdir(join(source.DATA_DIR!, 'files'), { recursive: true, withFileTypes: true });
  storedFiles = entries.filter((e) => e.isFile()).length;
  backupDir = join(await mkdtemp(join(tmpdir(), 'guichet-backup-')), 'sauvegarde');
  cleanups.push(() => rm(join(backupDir, '..'), { recursive: true, force: true }));
  const made = await guichet(['backup', backupDir], source);
  assert.equal(made.code, 0, made.out);
});

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

test('a restore into an empty instance finds every dossier and every attachment, byte for byte', async () => {
  assert.equal(original.length, 2);
  assert.equal(original.every((d) => d.status === 'submitted' && d.files.length === 2), true);
  const target = await emptyInstance();
  const restored = await guichet(['restore', backupDir], target);
  assert.equal(restored.code, 0, restored.out);
  assert.ok(storedFiles >= 4, `two dossiers' attachments at least (${storedFiles} files)`);
  assert.match(restored.out, new RegExp(`restored from .* database and ${storedFiles} files`));
  assert.deepEqual(await contents(target), original);

  // A second restore over it is refused: it would mix two instances' records.
  const again = await guichet(['restore', backupDir], target);
  assert.equal(again.code, 1);
  assert.match(again.out, /restore into an empty (instance|database)/);
  assert.deepEqual(await contents(target), original, 'the refused restore changed nothing');
});

test('a damaged backup is refused before anything is written', async () => {
  const sums = await readFile(join(backupDir, 'SHA256SUMS'), 'utf8');
  const file = sums.split('\n').find((line) => line.includes('files/'))!.slice(66);
  await appendFile(join(backupDir, file), 'x');
  const target = await emptyInstance();
  const restored = await guichet(['restore', backupDir], target);
  assert.equal(restored.code, 1);
  assert.match(restored.out, new RegExp(`damaged: ${file}`));
  const database = await open(target);
  try {
    const { rows } = await sql<{ table: string | null }>`SELECT to_regclass('public.dossiers')::text AS table`.execute(database.db);
    assert.equal(rows[0]!.table, null, 'the target database was left empty');
  } finally {
    await database.close();
  }
});

test('a directory that is not a backup gets a plain message', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'not-a-backup-'));
  cleanups.push(() => rm(empty, { recursive: true, force: true }));
  const restored = await guichet(['restore', empty], await emptyInstance());
  assert.equal(restored.code, 1);
  assert.match(restored.out, /not a Guichet backup/);
  const made = await guichet(['backup', backupDir], source);
  assert.equal(made.code, 1);
  assert.match(made.out, /is not empty: give a new directory/);
});

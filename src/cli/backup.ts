// `guichet backup <dir>` and `guichet restore <dir>`: the database and the uploaded files, together, with a
// checksum for every file so that a restore refuses a damaged copy before it writes anything.
//
// The database is dumped first, then the files are copied: a file is always stored before the row that names
// it is committed, so every file the dump refers to is already there when the copy starts.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { loadPgliteDataDir, openDatabase, type Database } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';

const FORMAT = 'guichet-backup/1';
const SUMS = 'SHA256SUMS';
const DUMP = { postgres: 'database.pgdump', pglite: 'database.pglite.tar.gz' } as const;

interface Manifest {
  format: typeof FORMAT;
  createdAt: string;
  engine: Database['kind'];
  database: string;
  /** `local`: the files are in `files/`; `s3`: they stayed in the bucket (its own versioning keeps them). */
  files: 'local' | 's3';
}

export class BackupError extends Error {}

/** Writes a backup of the configured instance into `out`, which must be a new or empty directory. */
export async function backup(config: Config, out: string): Promise<{ files: number; bytes: number }> {
  await mustBeEmpty(out, `${out} is not empty: give a new directory`);
  await mkdir(out, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const engine = database.kind;
  try {
    if (engine === 'postgres') await run('pg_dump', ['--format=custom', '--no-owner', `--file=${join(out, DUMP.postgres)}`, `--dbname=${config.databaseUrl}`]);
    else await writeFile(join(out, DUMP.pglite), new Uint8Array(await (await database.dumpDataDir!()).arrayBuffer()));
  } finally {
    await database.close();
  }
  let copied = { files: 0, bytes: 0 };
  if (!config.s3) copied = await copyTree(join(config.dataDir, 'files'), join(out, 'files'));
  const manifest: Manifest = { format: FORMAT, createdAt: new Date().toISOString(), engine, database: DUMP[engine], files: config.s3 ? 's3' : 'local' };
  await writeFile(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  await writeSums(out);
  return copied;
}

/** Restores a backup into the configured instance, whose database and file store must be empty. */
export async function restore(config: Config, from: string): Promise<{ files: number; migrations: string[] }> {
  const manifest = await readManifest(from);
  await checkSums(from);
  const engine = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.engine !== engine) throw new BackupError(`this backup is of a ${manifest.engine} database; the configured one is ${engine}`);
  const filesDir = join(config.dataDir, 'files');
  if (manifest.files === 'local' && !config.s3) await mustBeEmpty(filesDir, `${filesDir} already holds files: restore into an empty instance`);
  if (engine === 'postgres') {
    await mustBeEmptyPostgres(config);
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${config.databaseUrl}`, join(from, manifest.database)]);
  } else {
    await mustBeEmpty(join(config.dataDir, 'pglite'), `${join(config.dataDir, 'pglite')} already holds a database: restore into an empty instance`);
    await loadPgliteDataDir(config.dataDir, new Blob([await readFile(join(from, manifest.database))]));
  }
  const copied = manifest.files === 'local' && !config.s3 ? await copyTree(join(from, 'files'), filesDir) : { files: 0 };
  // A backup taken by an older release is brought up to this one's schema.
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    return { files: copied.files, migrations: await migrate(database) };
  } finally {
    await database.close();
  }
}

async function readManifest(from: string): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(from, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw new BackupError(`${from} holds no readable manifest.json: not a Guichet backup`);
  }
  if (manifest.format !== FORMAT || !(manifest.engine in DUMP) || manifest.database !== DUMP[manifest.engine]) {
    throw new BackupError(`${from}/manifest.json is not a ${FORMAT} manifest`);
  }
  return manifest;
}

/** Every file of the backup, with its SHA-256, in the format `sha256sum -c` reads. */
async function writeSums(dir: string): Promise<void> {
  const lines = [];
  for (const path of await filesUnder(dir)) lines.push(`${await sha256(join(dir, path))}  ${path}`);
  await writeFile(join(dir, SUMS), lines.join('\n') + '\n');
}

async function checkSums(dir: string): Promise<void> {
  let listed: string;
  try {
    listed = await readFile(join(dir, SUMS), 'utf8');
  } catch {
    throw new BackupError(`${dir} has no ${SUMS}: not a Guichet backup`);
  }
  const expected = new Map(listed.trim().split('\n').map((line) => [line.slice(66), line.slice(0, 64)] as const));
  const present = await filesUnder(dir);
  const problems = [...expected.keys()].filter((path) => !present.includes(path)).map((path) => `missing: ${path}`);
  for (const path of present) {
    if (!expected.has(path)) problems.push(`not in ${SUMS}: ${path}`);
    else if ((await sha256(join(dir, path))) !== expected.get(path)) problems.push(`damaged: ${path}`);
  }
  if (problems.length > 0) throw new BackupError(`the backup in ${dir} is damaged; nothing was restored:\n  ${problems.join('\n  ')}`);
}

async function copyTree(from: string, to: string): Promise<{ files: number; bytes: number }> {
  let bytes = 0;
  const paths = await filesUnder(from);
  for (const path of paths) {
    await mkdir(dirname(join(to, path)), { recursive: true });
    await copyFile(join(from, path), join(to, path));
    bytes += (await stat(join(to, path))).size;
  }
  return { files: paths.length, bytes };
}

/** Paths of the regular files under `dir`, relative to it, sorted; none when it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return entries
    .filter((e) => e.isFile() && !e.name.endsWith('.tmp') && !(e.parentPath === dir && e.name === SUMS))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function mustBeEmpty(dir: string, message: string): Promise<void> {
  const entries = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  if (entries.length > 0) throw new BackupError(message);
}

async function mustBeEmptyPostgres(config: Config): Promise<void> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`.execute(database.db);
    if (rows[0]!.n > 0) throw new BackupError('the configured PostgreSQL database already holds tables: restore into an empty database');
  } finally {
    await database.close();
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', (err) => reject(new BackupError(`${command} could not run (${err.message}): install PostgreSQL's client programs`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}):\n${errors.trim()}`))));
  });
}

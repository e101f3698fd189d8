// A PostgreSQL server of the test's own: initdb into a temporary directory, listening on a free loopback port.
// The crash tests stop and crash it at will, which they must never do to the machine's shared cluster (other
// test suites use it at the same time). Debian's binaries (/usr/lib/postgresql/<version>/bin); as root, every
// command runs as the `postgres` OS user, since PostgreSQL refuses to run as root.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './ports.ts';

const run = promisify(execFile);

export interface PrivatePostgres {
  /** URL of the test database `guichet` on this server. */
  url: string;
  port: number;
  /** Stops it as a crash would (SIGQUIT to every process, no checkpoint): the next start replays the WAL. */
  crash(): Promise<void>;
  start(): Promise<void>;
  /** Accepting connections? */
  ready(): Promise<boolean>;
  /** Stops it and deletes its directory. */
  destroy(): Promise<void>;
}

export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
  const asRoot = process.getuid?.() === 0;
  // As root: run as postgres; otherwise as ourselves (a developer's own account can own a cluster).
  const pgCommand = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, name), ...args]) : run(join(bin, name), args);

  const dir = await mkdtemp(join(tmpdir(), 'guichet-crash-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(dir, 0o700);
  await pgCommand('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
  const port = await freePort();
  // Unix socket in our own directory, TCP on loopback only; the settings of a small server.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=60 -c shared_buffers=64MB`;
  const log = join(dir, 'server.log');

  const server: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/guichet`,
    port,
    async start() {
      try {
        await pgCommand('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', '-t', '60', 'start']);
      } catch (err) {
        const tail = await readFile(log, 'utf8').catch(() => '');
        throw new Error(`private PostgreSQL did not start: ${(err as Error).message}\n${tail.slice(-2000)}`);
      }
    },
    async crash() {
      await pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    async ready() {
      const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => {});
      }
    },
    async destroy() {
      await pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE guichet');
    await admin.end();
  } catch (err) {
    await server.destroy();
    throw err;
  }
  return server;
}

// Two Guichet instances (src/main.ts as child processes, each on a free loopback port, worker on) on one fresh
// PostgreSQL database and one shared data directory, behind nginx. Each instance sends its e-mail to an SMTP
// sink of its own, so that a delivered message tells which instance's worker ran its job. `teardown` stops
// and deletes everything that was started (by pid), whether the test passed or not.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startGuichet, type GuichetProcess } from '../../crash/support/guichet-process.ts';
import { freePort } from '../../crash/support/ports.ts';
import { startSmtpSink, type SmtpSink } from '../../crash/support/smtp-sink.ts';
import { createDatabase, prepareDatabase } from './database.ts';
import { startNginx, type Nginx } from './nginx.ts';

/** The procedure the simulated citizens file (see test/crash/support/applicant-flow.ts), made free of charge. */
export const PROCEDURE = 'extrait-casier-judiciaire';

export interface Instance {
  name: 'A' | 'B';
  port: number;
  /** "127.0.0.1:port", as nginx names it in $upstream_addr. */
  address: string;
  /** The running process (replaced by `restart`). */
  process: GuichetProcess;
  /** The mails this instance's worker delivered. */
  smtp: SmtpSink;
  /** Starts it again on the same port and settings (after a stop or a kill); returns how long it took (ms). */
  restart(): Promise<number>;
}

export interface Cluster {
  /** nginx's address: the only one the simulated citizens use. */
  base: string;
  nginx: Nginx;
  instances: [Instance, Instance];
  dataDir: string;
  /** For the test's own reads and writes (never used by the servers). */
  sql: pg.Pool;
  teardown(): Promise<void>;
}

export async function startCluster(): Promise<Cluster> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => console.error('cluster teardown:', err));
    cleanups.length = 0;
  };
  try {
    const root = await mkdtemp(join(tmpdir(), 'guichet-cluster-'));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    const dataDir = join(root, 'data');
    const database = await createDatabase();
    cleanups.push(() => database.drop());

    const [portA, portB, portNginx] = await distinctFreePorts(3);
    const base = `http://127.0.0.1:${portNginx}`;
    const start = async (name: 'A' | 'B', port: number): Promise<Instance> => {
      const smtp = await startSmtpSink();
      cleanups.push(() => smtp.close());
      const env = {
        DATABASE_URL: database.url,
        DATA_DIR: dataDir, // one directory for both: uploads filed through one are read through the other
        NODE_ENV: 'development', // the demo catalog and accounts
        DEMO_COUNTRY: 'ne',
        SEED_DEMO: 'false', // seeded once by the test (prepareDatabase), as production runs without the demo
        WORKER: 'true',
        LOG_LEVEL: 'warn',
        PUBLIC_URL: base,
        SMTP_URL: smtp.url,
        // Behind nginx; every simulated citizen comes with an address of its own (test/crash/support/applicant-flow.ts).
        TRUST_PROXY: 'true',
        RATE_LIMIT_PER_MINUTE: '1000000',
      };
      const instance: Instance = {
        name,
        port,
        address: `127.0.0.1:${port}`,
        process: await startGuichet(env, port),
        smtp,
        async restart() {
          const started = Date.now();
          instance.process = await startGuichet(env, port);
          return Date.now() - started;
        },
      };
      cleanups.push(() => instance.process.stop()); // whichever process runs at the end
      return instance;
    };
    // Both at once on the empty database, as a deployment rolling out two instances: the migrations must be
    // applied once (advisory lock, src/platform/db/migrate.ts). The demo data comes after, from the test.
    const instances = (await Promise.all([start('A', portA!), start('B', portB!)])) as [Instance, Instance];
    await prepareDatabase(database.url, dataDir, [PROCEDURE]);
    const nginx = await startNginx(join(root, 'nginx'), portNginx!, [portA!, portB!]);
    cleanups.push(() => nginx.stop());
    const sql = new pg.Pool({ connectionString: database.url, max: 4 });
    sql.on('error', () => {});
    cleanups.push(() => sql.end());
    return { base, nginx, instances, dataDir, sql, teardown };
  } catch (err) {
    await teardown();
    throw err;
  }
}

/** Free ports probed one after the other can repeat (each probe releases its port): ask until they differ. */
async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

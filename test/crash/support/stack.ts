// What a crash test runs against: a private PostgreSQL, an SMTP sink counting the mails, a data directory for
// the uploaded files, and Guichet as a child process on a fixed loopback port (the same after a restart, so the
// clients' addresses and cookies stay valid). Everything is stopped and deleted by `teardown`, failure or not.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startGuichet, type GuichetProcess } from './guichet-process.ts';
import { freePort } from './ports.ts';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

export interface Stack {
  postgres: PrivatePostgres;
  smtp: SmtpSink;
  dataDir: string;
  guichet: GuichetProcess;
  /** For the test's own reads (never used by the server). */
  sql: pg.Pool;
  /** Starts Guichet again on the same port and settings; returns how long it took to be ready (ms). */
  restartGuichet(): Promise<number>;
  teardown(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const postgres = await startPrivatePostgres();
  const cleanups: (() => Promise<void>)[] = [() => postgres.destroy()];
  const teardownAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  try {
    const smtp = await startSmtpSink();
    cleanups.push(() => smtp.close());
    const dataDir = await mkdtemp(join(tmpdir(), 'guichet-crash-data-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const env = {
      DATABASE_URL: postgres.url,
      DATA_DIR: dataDir,
      NODE_ENV: 'development', // the demo catalog holds the criminal record request
      LOG_LEVEL: 'warn',
      SMTP_URL: smtp.url,
      // Every simulated citizen comes with an address of its own in X-Forwarded-For (see applicant-flow.ts).
      TRUST_PROXY: 'true',
      RATE_LIMIT_PER_MINUTE: '1000000',
      // Links in messages, and the address the payment sandbox posts its confirmations to (over IPv4).
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // Fees are paid with the development sandbox, which confirms after this long (through the outbox).
      PAYMENT_SANDBOX_DELAY_SECONDS: '1',
    };
    let guichet = await startGuichet(env, port);
    cleanups.push(() => guichet.stop());
    const sql = new pg.Pool({ connectionString: postgres.url, max: 4 });
    sql.on('error', () => {}); // the PostgreSQL restart test cuts these connections too
    cleanups.push(() => sql.end());
    return {
      postgres,
      smtp,
      dataDir,
      get guichet() {
        return guichet;
      },
      sql,
      async restartGuichet() {
        const started = Date.now();
        guichet = await startGuichet(env, port);
        return Date.now() - started;
      },
      teardown: teardownAll,
    };
  } catch (err) {
    await teardownAll();
    throw err;
  }
}

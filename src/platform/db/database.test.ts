// A PostgreSQL connection lost while the application holds it (PostgreSQL restarted, a backend killed) must
// fail the work on that connection, never the process, and the pool must go on with fresh connections. The
// whole outage, under load, is test/crash/postgres-restart.crash.ts; this is its quick case for every run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { testDatabase } from '../../../test/support/app.ts';

test('a connection cut inside a transaction fails that transaction, not the server', { skip: !process.env.DATABASE_URL && 'PostgreSQL only' }, async () => {
  const { database, url, drop } = await testDatabase();
  const killer = new pg.Client({ connectionString: url });
  await killer.connect();
  try {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
        await killer.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
        // The server closes the connection while no query runs on it: the moment that used to end the process.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`SELECT 1`.execute(trx);
      }),
    );
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
    assert.equal(rows[0]!.one, 1);
  } finally {
    await killer.end();
    await database.close();
    await drop();
  }
});

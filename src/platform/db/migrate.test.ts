import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/app.ts';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';

test('migrations apply once, in order, and a second run does nothing', async () => {
  const { database, drop } = await testDatabase();
  try {
    const first = await migrate(database);
    assert.ok(first.length >= 2);
    assert.deepEqual(first, [...first].sort());
    assert.deepEqual(await migrate(database), []);
  } finally {
    await database.close();
    await drop();
  }
});

test('two instances starting at once on PostgreSQL apply each migration once', { skip: !process.env.DATABASE_URL && 'needs DATABASE_URL' }, async () => {
  const { database, url, drop } = await testDatabase();
  const second = await openDatabase({ url, dataDir: '' });
  try {
    const [a, b] = await Promise.all([migrate(database), migrate(second)]);
    const applied = [...a, ...b].sort();
    assert.deepEqual(applied, [...new Set(applied)], 'no migration applied twice');
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations`.execute(database.db);
    assert.equal(rows[0]!.n, applied.length);
  } finally {
    await second.close();
    await database.close();
    await drop();
  }
});

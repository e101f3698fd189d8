import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { testDatabase } from '../../../test/support/app.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import type { DB } from '../db/schema.ts';
import { appendAudit, entryHash, GENESIS_HASH, listAudit, verifyAuditChain, type AuditVerification } from './index.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

async function withLog(work: (database: Database, url: string | undefined) => Promise<void>) {
  const { database, url, drop } = await testDatabase();
  try {
    await migrate(database);
    await work(database, url);
  } finally {
    await database.close();
    await drop();
  }
}

async function appendMany(db: Kysely<DB>, n: number, administrationId = 'adm-a') {
  for (let i = 0; i < n; i++) {
    await appendAudit(db, { actorId: `u${i}`, action: 'dossier.open', subject: { type: 'dossier', id: `d${i}` }, administrationId, details: { i } });
  }
}

/** Tampers as the superuser would (triggers off for this transaction only), verifies, then undoes it all. */
async function verifyTampered(db: Kysely<DB>, tamper: (trx: Kysely<DB>) => Promise<unknown>): Promise<AuditVerification> {
  let result: AuditVerification | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await tamper(trx);
      result = await verifyAuditChain(trx, { pageSize: 2 });
      throw new Error('roll back the tampering');
    })
    .catch((err: Error) => assert.equal(err.message, 'roll back the tampering'));
  return result!;
}

test('entries chain from the genesis hash, and what was hashed is exactly what is read back', async () => {
  await withLog(async ({ db }) => {
    const first = await appendAudit(db, {
      actorId: 'agent-1',
      action: 'dossier.open',
      subject: { type: 'dossier', id: 'dos-1' },
      administrationId: 'adm-a',
      details: { z: 1, a: { y: [1, 2.5, 'é'], b: null }, dropped: undefined, when: new Date('2026-01-02T03:04:05.678Z') },
    });
    const [second, third] = await db.transaction().execute(async (trx) => [
      await appendAudit(trx, { actorId: 'agent-1', action: 'dossier.download', subject: { type: 'file', id: 'f-1' }, administrationId: 'adm-a' }),
      await appendAudit(trx, { actorId: null, action: 'rights.team_member_added', details: { team: 't-1' } }),
    ]);
    assert.deepEqual([first.seq, second!.seq, third!.seq], [1, 2, 3]);
    assert.equal(first.prevHash, GENESIS_HASH);
    assert.equal(second!.prevHash, first.hash);
    assert.equal(third!.prevHash, second!.hash);
    assert.ok(second!.at >= first.at && third!.at >= second!.at, 'time follows seq');
    assert.deepEqual(first.details, { z: 1, a: { y: [1, 2.5, 'é'], b: null }, when: '2026-01-02T03:04:05.678Z' });

    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    const stored = rows[0]!;
    assert.equal(new Date(stored.at).getTime(), first.at.getTime());
    assert.deepEqual(stored.details, first.details);
    assert.equal(
      entryHash({
        seq: 1, at: new Date(stored.at).toISOString(), actorId: stored.actor_id, action: stored.action,
        subjectType: stored.subject_type, subjectId: stored.subject_id, administrationId: stored.administration_id,
        details: stored.details, prevHash: stored.prev_hash,
      }),
      stored.hash,
    );
    assert.deepEqual(await verifyAuditChain(db, { pageSize: 2 }), { ok: true, count: 3, lastHash: third!.hash });
    assert.deepEqual(await verifyAuditChain(db, { anchor: { seq: 2, hash: second!.hash } }), { ok: true, count: 3, lastHash: third!.hash });
  });
});

test('an empty log verifies, and malformed entries are refused before anything is written', async () => {
  await withLog(async ({ db }) => {
    assert.deepEqual(await verifyAuditChain(db), { ok: true, count: 0, lastHash: GENESIS_HASH });
    await assert.rejects(appendAudit(db, { actorId: 'u', action: 'Opened dossier' }), /area\.verb/);
    await assert.rejects(appendAudit(db, { actorId: 'u', action: 'x.y', details: [1] as never }), /object/);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });
});

test('the database itself refuses UPDATE, DELETE and TRUNCATE of the log, and moving its head', async () => {
  await withLog(async ({ db }) => {
    await appendMany(db, 2);
    await assert.rejects(sql`UPDATE audit_log SET details = '{"i": 9}' WHERE seq = 1`.execute(db), /append-only: UPDATE refused/);
    await assert.rejects(sql`DELETE FROM audit_log WHERE seq = 2`.execute(db), /append-only: DELETE refused/);
    await assert.rejects(sql`TRUNCATE audit_log`.execute(db), /append-only: TRUNCATE refused/);
    await assert.rejects(sql`UPDATE audit_head SET seq = 1`.execute(db), /only advances/);
    await assert.rejects(sql`DELETE FROM audit_head`.execute(db), /only advances/);
    await assert.rejects(sql`TRUNCATE audit_head`.execute(db), /only advances/);
    assert.equal((await verifyAuditChain(db)).ok, true);
    assert.equal((await db.selectFrom('audit_log').select('seq').execute()).length, 2);
  });
});

test('tampering is found at the right entry: changed, deleted, reordered, rehashed, rewritten', async () => {
  await withLog(async ({ db }) => {
    await appendMany(db, 5);
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();

    assert.deepEqual(
      await verifyTampered(db, (t) => sql`UPDATE audit_log SET details = '{"i": 99}' WHERE seq = 3`.execute(t)),
      { ok: false, seq: 3, reason: 'altered' },
    );
    assert.deepEqual(
      await verifyTampered(db, (t) => sql`UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 1`.execute(t)),
      { ok: false, seq: 1, reason: 'altered' },
    );
    assert.deepEqual(await verifyTampered(db, (t) => sql`DELETE FROM audit_log WHERE seq = 2`.execute(t)), { ok: false, seq: 2, reason: 'missing' });
    assert.deepEqual(await verifyTampered(db, (t) => sql`DELETE FROM audit_log WHERE seq = 1`.execute(t)), { ok: false, seq: 1, reason: 'missing' });
    // The last entries removed: no link is broken, but the head still counts them.
    assert.deepEqual(await verifyTampered(db, (t) => sql`DELETE FROM audit_log WHERE seq >= 4`.execute(t)), { ok: false, seq: 4, reason: 'missing' });
    // Two entries swapped (each keeps its hash but takes the other's place).
    assert.deepEqual(
      await verifyTampered(db, async (t) => {
        await sql`UPDATE audit_log SET seq = 1000 WHERE seq = 2`.execute(t);
        await sql`UPDATE audit_log SET seq = 2 WHERE seq = 3`.execute(t);
        await sql`UPDATE audit_log SET seq = 3 WHERE seq = 1000`.execute(t);
      }),
      { ok: false, seq: 2, reason: 'altered' },
    );
    // Entry 3 changed and given a fresh, self-consistent hash: entry 4 no longer follows it.
    const forged = { ...rows[2]!, details: { i: 42 } };
    const forgedHash = entryHash({
      seq: 3, at: new Date(forged.at).toISOString(), actorId: forged.actor_id, action: forged.action, subjectType: forged.subject_type,
      subjectId: forged.subject_id, administrationId: forged.administration_id, details: forged.details, prevHash: forged.prev_hash,
    });
    assert.deepEqual(
      await verifyTampered(db, (t) => sql`UPDATE audit_log SET details = '{"i": 42}', hash = ${forgedHash} WHERE seq = 3`.execute(t)),
      { ok: false, seq: 4, reason: 'broken_link' },
    );
    // Rewritten from entry 3 to the end, head included: links alone cannot tell, a published hash can.
    const rewrite = async (t: Kysely<DB>) => {
      await sql`DELETE FROM audit_log WHERE seq >= 3`.execute(t);
      await sql`UPDATE audit_head SET seq = 2, hash = ${rows[1]!.hash}`.execute(t);
      await appendMany(t, 3, 'adm-forged');
    };
    assert.deepEqual(await verifyTampered(db, rewrite).then((r) => r.ok), true);
    const anchor = { seq: 4, hash: rows[3]!.hash };
    let anchored: AuditVerification | undefined;
    await verifyTampered(db, async (t) => {
      await rewrite(t);
      anchored = await verifyAuditChain(t, { anchor });
    });
    assert.deepEqual(anchored, { ok: false, seq: 4, reason: 'anchor_mismatch' });

    assert.deepEqual(await verifyAuditChain(db), { ok: true, count: 5, lastHash: rows[4]!.hash });
  });
});

test('an entry appended in a transaction that rolls back leaves no trace and no gap', async () => {
  await withLog(async ({ db }) => {
    await appendMany(db, 2);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await appendAudit(trx, { actorId: 'u', action: 'dossier.decision', subject: { type: 'dossier', id: 'd' }, details: { outcome: 'accepted' } });
        throw new Error('the decision failed');
      }),
      /the decision failed/,
    );
    assert.equal((await db.selectFrom('audit_log').select('seq').where('action', '=', 'dossier.decision').execute()).length, 0);
    assert.equal((await db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq, 2);
    const next = await appendAudit(db, { actorId: 'u', action: 'dossier.open' });
    assert.equal(next.seq, 3);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });
});

test(`50 parallel appends keep one gapless chain (${onPostgres ? 'two instances over their pools' : 'PGlite'})`, async () => {
  await withLog(async (database, url) => {
    // On PostgreSQL a second pool plays a second instance of Guichet.
    const other = url ? await openDatabase({ url, dataDir: tmpdir() }) : database;
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => {
          const db = i % 2 ? other.db : database.db;
          const entry = { actorId: `u${i}`, action: 'dossier.open', subject: { type: 'dossier', id: `d${i}` }, administrationId: 'adm-a' };
          if (i % 10 !== 7) return appendAudit(db, entry);
          // Every tenth one fails after appending, inside its transaction: its seq must be reused, not lost.
          return db.transaction().execute(async (trx) => {
            await appendAudit(trx, entry);
            throw new Error('rolled back');
          });
        }),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 45);
      const seqs = (await database.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
      assert.deepEqual(seqs, Array.from({ length: 45 }, (_, i) => i + 1));
      const verdict = await verifyAuditChain(database.db, { pageSize: 7 });
      assert.equal(verdict.ok, true, JSON.stringify(verdict));
      assert.equal(verdict.ok && verdict.count, 45);
    } finally {
      if (other !== database) await other.close();
    }
  });
});

test("a manager's pages: their administrations only, newest first, continued by seq", async () => {
  await withLog(async ({ db }) => {
    for (let i = 0; i < 7; i++) {
      await appendAudit(db, { actorId: 'u', action: 'dossier.open', administrationId: ['adm-a', 'adm-b', 'adm-c'][i % 3]!, details: { i } });
    }
    // seq 1..7 → a, b, c, a, b, c, a
    const page1 = await listAudit(db, { administrationIds: ['adm-a', 'adm-b', 'adm-a'], limit: 3 });
    assert.deepEqual(page1.entries.map((e) => e.seq), [7, 5, 4]);
    assert.equal(page1.nextBeforeSeq, 4);
    const page2 = await listAudit(db, { administrationIds: ['adm-a', 'adm-b'], limit: 3, beforeSeq: page1.nextBeforeSeq! });
    assert.deepEqual(page2.entries.map((e) => e.seq), [2, 1]);
    assert.equal(page2.nextBeforeSeq, null);
    assert.deepEqual(page2.entries[0]!.details, { i: 1 });
    assert.equal(page2.entries[0]!.administrationId, 'adm-b');
    assert.deepEqual(await listAudit(db, { administrationIds: [], limit: 10 }), { entries: [], nextBeforeSeq: null });
  });
});

test('`guichet audit-verify` says the chain is intact (exit 0), then names the broken entry (exit 1)', async () => {
  const BIN = new URL('../../../bin/guichet.js', import.meta.url).pathname;
  const dataDir = await mkdtemp(join(tmpdir(), 'guichet-audit-'));
  const { database: pgDatabase, url, drop } = onPostgres ? await testDatabase() : { database: undefined, url: undefined, drop: async () => {} };
  // PGlite allows one process at a time on its directory: the test closes it before each run of the command.
  const open = async () => pgDatabase ?? (await openDatabase({ dataDir }));
  const env = { ...process.env, DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}) };
  const guichet = async (args: string[]) =>
    promisify(execFile)(process.execPath, [BIN, ...args], { env, timeout: 120_000 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );
  try {
    let database = await open();
    await migrate(database);
    await appendMany(database.db, 3);
    if (!pgDatabase) await database.close();

    const intact = await guichet(['audit-verify']);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /^journal d'audit intègre : 3 entrées, dernière empreinte [0-9a-f]{64}\n$/);
    const lastHash = intact.stdout.trim().split(' ').pop()!;
    assert.equal((await guichet(['audit-verify', '--anchor', `3:${lastHash}`])).code, 0);

    database = await open();
    await database.db.connection().execute(async (conn) => {
      await sql`SET session_replication_role = replica`.execute(conn);
      await sql`UPDATE audit_log SET details = '{"i": 1000}' WHERE seq = 2`.execute(conn);
      await sql`SET session_replication_role = origin`.execute(conn);
    });
    if (!pgDatabase) await database.close();

    const broken = await guichet(['audit-verify']);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /^journal d'audit rompu à l'entrée n° 2 : son contenu a été modifié/);
  } finally {
    await pgDatabase?.close();
    await drop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

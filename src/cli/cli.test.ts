import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testDatabase } from '../../test/support/app.ts';
import { openDatabase } from '../platform/db/database.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/guichet.js', import.meta.url).pathname;

async function guichet(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The CLI against a database of its own: PostgreSQL when DATABASE_URL is set, else PGlite in a temp dir. */
async function cliEnv(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'guichet-cli-'));
  if (!process.env.DATABASE_URL) return { env: { DATA_DIR: dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
  const { database, url, drop } = await testDatabase();
  await database.close();
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url! },
    cleanup: async () => {
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

test('import-procedures --check reports a broken pack by file and line, and exits non-zero', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pack-'));
  await writeFile(join(dir, 'pack.yaml'), 'country: ne\nadministrations:\n  - code: ne-x\n    name: X\n');
  await writeFile(join(dir, 'demarche.yaml'), 'slug: demarche\ncategory: justice\nadministration: ne-x\nupdated: 2026-01-01\nfr:\n  title: T\n  summary: S\n  oops: 1\n');
  try {
    const res = await guichet(['import-procedures', dir, '--check'], {});
    assert.equal(res.code, 1);
    assert.match(res.stderr, /demarche\.yaml:8: fr\.oops: Unrecognized key/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('migrate, import a pack with progress, and create an operator', async () => {
  const { env, cleanup } = await cliEnv();
  try {
    const migrated = await guichet(['migrate'], env);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /0001_platform_base\.sql/);
    assert.match((await guichet(['migrate'], env)).stdout, /up to date/);

    const dir = await mkdtemp(join(tmpdir(), 'pack-'));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'pack.yaml'), 'country: ne\nadministrations:\n  - code: ne-cli\n    name: Ministère CLI\n');
    for (const slug of ['une', 'deux', 'trois']) {
      await writeFile(join(dir, `${slug}.yaml`), `slug: ${slug}\ncategory: justice\nadministration: ne-cli\nupdated: 2026-01-01\nfr:\n  title: Démarche ${slug}\n  summary: Résumé ${slug}\n`);
    }
    const imported = await guichet(['import-procedures', dir], env);
    await rm(dir, { recursive: true, force: true });
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stderr, /importing 3\/3/);
    assert.match(imported.stdout, /imported 3 procedures/);

    const created = await guichet(['create-operator', '--email', 'ops@example.ne', '--name', 'Ops'], env);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /password \(shown once\): \S{12,}/);
    const again = await guichet(['create-operator', '--email', 'ops@example.ne'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already/);
    assert.equal((await guichet(['create-operator', '--email', 'not-an-email'], env)).code, 1);
    assert.equal((await guichet(['nonsense'], env)).code, 1);
  } finally {
    await cleanup();
  }
});

test('an operator gives a court team the criminal record right and an administration its bulletin n°2 token', async () => {
  const { env, cleanup } = await cliEnv();
  try {
    assert.equal((await guichet(['migrate'], env)).code, 0);
    let database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR! });
    await database.db.insertInto('administrations').values([
      { id: 'A1', code: 'ne-tgi-niamey', country: 'ne', name: 'Tribunal de grande instance de Niamey' },
      { id: 'A2', code: 'ne-fonction-publique', country: 'ne', name: 'Ministère de la Fonction publique' },
    ]).execute();
    await database.db.insertInto('teams').values({ id: 'T1', administration_id: 'A1', name: 'Greffe du TGI' }).execute();
    await database.close();

    const refused = await guichet(['casier-grant', '--team', 'Greffe du TGI', '--role', 'patron'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /--role clerk or --role judge/);
    assert.match((await guichet(['casier-grant', '--team', 'Greffe inconnu', '--role', 'clerk'], env)).stderr, /no team Greffe inconnu/);
    const granted = await guichet(['casier-grant', '--team', 'Greffe du TGI', '--role', 'clerk'], env);
    assert.equal(granted.code, 0, granted.stderr);
    assert.match(granted.stdout, /Greffe du TGI \(ne-tgi-niamey\) now holds the criminal record's clerk right/);

    assert.match((await guichet(['casier-api-client', '--name', 'Fonction publique', '--administration', 'ne-nulle-part'], env)).stderr, /no administration ne-nulle-part/);
    const client = await guichet(['casier-api-client', '--name', 'Fonction publique', '--administration', 'ne-fonction-publique'], env);
    assert.equal(client.code, 0, client.stderr);
    const token = /shown once\): (\S+)/.exec(client.stdout)?.[1];
    assert.ok(token && token.length >= 32, 'the token is printed once');

    database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR! });
    const rights = await database.db.selectFrom('criminal_record_teams').select(['team_id', 'role']).execute();
    assert.deepEqual(rights, [{ team_id: 'T1', role: 'clerk' }]);
    const clients = await database.db.selectFrom('criminal_record_api_clients').select(['token_hash', 'rights', 'administration_id']).execute();
    assert.equal(clients.length, 1);
    assert.notEqual(clients[0]!.token_hash, token, 'only a hash of the token is kept');
    assert.deepEqual(clients[0]!.rights, ['bulletin-2']);
    const audit = await database.db.selectFrom('audit_log').select('action').orderBy('seq').execute();
    assert.deepEqual(audit.map((a) => a.action), ['rights.casier_granted', 'rights.casier_api_client'], 'both rights are in the audit log');
    await database.close();
  } finally {
    await cleanup();
  }
});

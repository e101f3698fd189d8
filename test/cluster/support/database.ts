// The one PostgreSQL database both instances share: a fresh database on the machine's PostgreSQL (trust
// authentication on 127.0.0.1, as on the development machines and in CI), dropped at the end. The instances
// migrate it as they start (SEED_DEMO=false, as in production); the test then imports Niger's country pack
// itself, so that it may adjust a form before any instance reads it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../../src/platform/db/database.ts';
import { migrate } from '../../../src/platform/db/migrate.ts';
import { importPack, readPack } from '../../../src/modules/catalog/index.ts';

/** The server where the test database is created (the `postgres` maintenance database of it). */
/** The demo country the instances serve (DEMO_COUNTRY's default). */
const COUNTRY = 'ne';

export const ADMIN_URL = process.env.CLUSTER_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface SharedDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createDatabase(): Promise<SharedDatabase> {
  const name = `guichet_cluster_${process.pid}_${randomBytes(3).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a connection left by a killed instance must not keep the database alive.
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Migrations (already applied by the instances: checked again), Niger's catalog, and the fee taken off the given procedures: the cluster test is
 * about who serves a request and who runs a job, not about payments, so its citizens file a request that is
 * filed at once and sends its receipt (as test/support/applicant.ts `withoutFee` does in process).
 */
export async function prepareDatabase(url: string, dataDir: string, freeOfCharge: string[]): Promise<void> {
  const database = await openDatabase({ url, dataDir });
  try {
    await migrate(database);
    // What an operator runs (`guichet import-procedures procedures/ne`): the catalog and its online forms. No
    // demo accounts: the simulated citizens sign up.
    await importPack(database.db, await readPack(new URL(`../../../procedures/${COUNTRY}`, import.meta.url).pathname));
    for (const slug of freeOfCharge) {
      const row = await database.db
        .selectFrom('procedure_revisions')
        .innerJoin('procedures', 'procedures.id', 'procedure_revisions.procedure_id')
        .select(['procedure_revisions.id', 'procedure_revisions.definition'])
        .where('procedures.slug', '=', slug)
        .where('procedures.country', '=', COUNTRY) // each country pack has its own procedure of that slug
        .where('procedure_revisions.status', '=', 'published')
        .executeTakeFirstOrThrow();
      const { fee: _fee, ...free } = row.definition as unknown as Record<string, unknown>;
      await database.db.updateTable('procedure_revisions').set({ definition: JSON.stringify(free) }).where('id', '=', row.id).execute();
    }
  } finally {
    await database.close();
  }
}

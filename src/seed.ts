// Demo data for a laptop or a test server: every country pack under procedures/ and one account per role.
// Never runs in production unless SEED_DEMO=true is set on purpose, and never with a known password there.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from './platform/db/schema.ts';
import { newId } from './platform/db/ids.ts';
import { importPack, readPack, type Country } from './modules/catalog/index.ts';
import { accountStore, hashPassword } from './modules/accounts/index.ts';
import type { Role } from './platform/auth/session.ts';
import { createStaffUser } from './modules/staff/index.ts';
import { administrationTree } from './modules/instruction/index.ts';

export const PROCEDURES_DIR = new URL('../procedures/', import.meta.url).pathname;
export const DEMO_PASSWORD = 'guichet-demo-2026';

export const DEMO_ACCOUNTS: { role: Role; email: string; phone: string; name: string; administration?: string }[] = [
  { role: 'applicant', email: 'demandeur@demo.guichet.ne', phone: '+22790000001', name: 'Aïssa Demandeur' },
  { role: 'agent', email: 'agent@demo.guichet.ne', phone: '+22790000002', name: 'Ibrahim Agent', administration: 'justice' },
  { role: 'manager', email: 'gestionnaire@demo.guichet.ne', phone: '+22790000003', name: 'Mariama Gestionnaire', administration: 'justice' },
  { role: 'operator', email: 'operateur@demo.guichet.ne', phone: '+22790000004', name: 'Opérateur National' },
];

export async function importAllPacks(db: Kysely<DB>, log: (msg: string) => void = () => {}): Promise<void> {
  const countries = (await readdir(PROCEDURES_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const country of countries) {
    const summary = await importPack(db, await readPack(join(PROCEDURES_DIR, country)));
    log(`pack ${summary.country}: ${summary.procedures} procedures, ${summary.administrations} administrations, ${summary.servicePoints} service points`);
  }
}

/** Imports the packs and creates the demo accounts, unless already there. */
export async function seedDemo(db: Kysely<DB>, country: Country, log: (msg: string) => void = () => {}): Promise<void> {
  const hasCatalog = await db.selectFrom('procedures').select('id').limit(1).executeTakeFirst();
  if (!hasCatalog) await importAllPacks(db, log);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    if (await accountStore.findUserByEmail(db, account.email)) continue;
    const administration = account.administration
      ? await db.selectFrom('administrations').select('id').where('code', '=', `${country}-${account.administration}`).executeTakeFirst()
      : undefined;
    const administrationId = administration?.id ?? null;
    if (account.role === 'applicant') {
      await accountStore.insertUser(db, { id: newId(), email: account.email, phone: account.phone, passwordHash, name: account.name, role: account.role });
    } else {
      // Staff sign in with a second factor; in the demo it comes by SMS, readable at /dev/outbox.
      await createStaffUser(db, { email: account.email, phone: account.phone, password: DEMO_PASSWORD, name: account.name, role: account.role, administrationId, secondFactor: 'sms' });
    }
    log(`demo account ${account.role}: ${account.email}`);
  }
  await seedDemoTeam(db, country);
}

/**
 * One team of the Ministry of Justice, with the demo agent in it, processing the online procedures of the
 * ministry and its services (courts' registries, criminal records office):
 * a dossier filed on the demo lands in the demo agent's inbox.
 */
async function seedDemoTeam(db: Kysely<DB>, country: Country): Promise<void> {
  const justice = await db.selectFrom('administrations').select('id').where('code', '=', `${country}-justice`).executeTakeFirst();
  const agent = await accountStore.findUserByEmail(db, DEMO_ACCOUNTS.find((a) => a.role === 'agent')!.email);
  if (!justice || !agent) return;
  if (await db.selectFrom('teams').select('id').where('administration_id', '=', justice.id).executeTakeFirst()) return;
  const teamId = newId();
  await db.insertInto('teams').values({ id: teamId, administration_id: justice.id, name: 'Greffe (démo)' }).execute();
  await db.insertInto('team_members').values({ team_id: teamId, user_id: agent.id }).execute();
  const services = await administrationTree(db, justice.id);
  const procedures = await db.selectFrom('procedures').select('id').where('administration_id', 'in', services).where('online_available', '=', true).execute();
  if (procedures.length > 0) {
    await db
      .insertInto('procedure_processing')
      .values(procedures.map((p) => ({ procedure_id: p.id, default_team_id: teamId })))
      .onConflict((oc) => oc.column('procedure_id').doNothing())
      .execute();
  }
}

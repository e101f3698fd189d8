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
import { ensureRegister } from './modules/registries/civil-status/index.ts';
import { seedDemoRecord } from './modules/registries/criminal-record/index.ts';

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
  await seedDemoCivilStatus(db, country);
  // The « Greffe (démo) » team keeps the criminal record; a few convictions so a bulletin can be other than « Néant ».
  await seedDemoRecord(db, country);
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

/** The demo civil-status officer and maternity agent (sign in at /agent/connexion like the other staff accounts). */
export const DEMO_OFFICER = { email: 'officier@demo.guichet.ne', phone: '+22790000005', name: 'Hadiza Officier' };
export const DEMO_MIDWIFE = { email: 'maternite@demo.guichet.ne', phone: '+22790000006', name: 'Fati Sage-femme' };

/**
 * Niger only: the civil-status centre of the commune of Niamey I, under the communes' centres, holding that
 * commune's register of births, with a team « État civil Niamey I (démo) » and the demo officer in it. The
 * centre's team receives the birth declarations and extract requests (default team of both procedures), so a
 * declaration filed on the demo for a child born in Niamey I can be registered by the demo officer. A maternity
 * of Niamey I, with a demo midwife, starts declarations for parents (assisted mode).
 */
async function seedDemoCivilStatus(db: Kysely<DB>, country: Country): Promise<void> {
  if (country !== 'ne') return;
  const communes = await db.selectFrom('administrations').select('id').where('code', '=', 'ne-communes-etat-civil').executeTakeFirst();
  if (!communes || (await db.selectFrom('administrations').select('id').where('code', '=', 'ne-etat-civil-niamey-i').executeTakeFirst())) return;
  const administrationId = newId();
  await db.insertInto('administrations').values({ id: administrationId, code: 'ne-etat-civil-niamey-i', country, parent_id: communes.id, name: "Centre d'état civil de la commune de Niamey I", acronym: null }).execute();
  const teamId = newId();
  await db.insertInto('teams').values({ id: teamId, administration_id: administrationId, name: 'État civil Niamey I (démo)' }).execute();
  const officer = (await accountStore.findUserByEmail(db, DEMO_OFFICER.email))?.id ??
    (await createStaffUser(db, { ...DEMO_OFFICER, password: DEMO_PASSWORD, role: 'agent', administrationId, secondFactor: 'sms' })).userId;
  await db.insertInto('team_members').values({ team_id: teamId, user_id: officer }).execute();
  await ensureRegister(db, {
    id: newId(),
    country,
    communeCode: 'niamey-ville-niamey-i',
    administrationId,
    centreName: "Centre d'état civil de Niamey I",
    place: 'Niamey',
    signatory: "L'officier de l'état civil de la commune de Niamey I",
  });
  // A maternity of Niamey I whose midwife starts declarations for the parents (assisted mode).
  const health = await db.selectFrom('administrations').select('id').where('code', '=', 'ne-sante').executeTakeFirst();
  if (health) {
    const maternity = newId();
    await db.insertInto('administrations').values({ id: maternity, code: 'ne-sante-maternite-gazobi', country, parent_id: health.id, name: 'Maternité Issaka Gazobi', acronym: null }).execute();
    await db.insertInto('civil_health_facilities').values({ administration_id: maternity, country, name: 'Maternité Issaka Gazobi', commune_code: 'niamey-ville-niamey-i' }).execute();
    const midwives = newId();
    await db.insertInto('teams').values({ id: midwives, administration_id: maternity, name: 'Maternité Issaka Gazobi (démo)' }).execute();
    const midwife = (await accountStore.findUserByEmail(db, DEMO_MIDWIFE.email))?.id ??
      (await createStaffUser(db, { ...DEMO_MIDWIFE, password: DEMO_PASSWORD, role: 'agent', administrationId: maternity, secondFactor: 'sms' })).userId;
    await db.insertInto('team_members').values({ team_id: midwives, user_id: midwife }).execute();
  }
  const procedures = await db.selectFrom('procedures').select('id').where('country', '=', country).where('slug', 'in', ['declaration-naissance', 'extrait-acte-naissance']).execute();
  if (procedures.length > 0) {
    await db
      .insertInto('procedure_processing')
      .values(procedures.map((p) => ({ procedure_id: p.id, default_team_id: teamId })))
      .onConflict((oc) => oc.column('procedure_id').doNothing())
      .execute();
  }
}

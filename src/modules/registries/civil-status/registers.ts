// Who holds which register, and who is an officer of it. A commune's register of births is held by one
// administration (its civil-status centre); the officers of that commune are the agents and managers who are
// members of a team of that administration. Operators never are: they run the platform and read no act.
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.ts';
import type { SessionUser } from '../../../platform/auth/session.ts';

export interface Register {
  id: string;
  country: string;
  communeCode: string;
  administrationId: string;
  centreName: string;
  place: string;
  signatory: string;
}

const columns = [
  'r.id',
  'r.country',
  'r.commune_code as communeCode',
  'r.administration_id as administrationId',
  'r.centre_name as centreName',
  'r.place',
  'r.signatory',
] as const;

/** The registers the user is an officer of (none for anyone but a team member of a register's administration). */
export async function registersOf(db: Kysely<DB>, user: SessionUser): Promise<Register[]> {
  if (user.role !== 'agent' && user.role !== 'manager') return [];
  return db
    .selectFrom('civil_registers as r')
    .select(columns)
    .where('r.administration_id', 'in', (eb) =>
      eb.selectFrom('teams as t').innerJoin('team_members as m', 'm.team_id', 't.id').select('t.administration_id').where('m.user_id', '=', user.id),
    )
    .orderBy('r.centre_name')
    .execute();
}

/** The register of a commune, if the platform holds one. */
export async function registerOfCommune(db: Kysely<DB>, country: string, communeCode: string): Promise<Register | undefined> {
  return db.selectFrom('civil_registers as r').select(columns).where('r.country', '=', country).where('r.commune_code', '=', communeCode).executeTakeFirst();
}

export async function registerById(db: Kysely<DB>, id: string): Promise<Register | undefined> {
  return db.selectFrom('civil_registers as r').select(columns).where('r.id', '=', id).executeTakeFirst();
}

/** Creates (or finds) a commune's register; used by the demo seed and by tests. */
export async function ensureRegister(db: Kysely<DB>, input: Omit<Register, 'id'> & { id: string }): Promise<string> {
  await db
    .insertInto('civil_registers')
    .values({ id: input.id, country: input.country, commune_code: input.communeCode, administration_id: input.administrationId, centre_name: input.centreName, place: input.place, signatory: input.signatory })
    .onConflict((oc) => oc.columns(['country', 'commune_code']).doNothing())
    .execute();
  const row = await db.selectFrom('civil_registers').select('id').where('country', '=', input.country).where('commune_code', '=', input.communeCode).executeTakeFirstOrThrow();
  return row.id;
}

// The criminal record's SQL, nothing else.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.ts';
import type { Conviction, ConvictionEvent, EventKind, Identity, Person } from './model.ts';
import { givenKey, surnameKey } from './matching.ts';

/** The registry rights a staff member holds through his teams, and the administrations of those teams. */
export async function rightsOf(db: Kysely<DB>, userId: string): Promise<{ clerkOf: string[]; judgeOf: string[] }> {
  const rows = await db
    .selectFrom('criminal_record_teams as r')
    .innerJoin('team_members as m', 'm.team_id', 'r.team_id')
    .innerJoin('teams as t', 't.id', 'r.team_id')
    .select(['r.role', 't.administration_id'])
    .where('m.user_id', '=', userId)
    .execute();
  const of = (role: string) => [...new Set(rows.filter((r) => r.role === role).map((r) => r.administration_id))];
  return { clerkOf: of('clerk'), judgeOf: of('judge') };
}

/** Whether a team keeps the registry (its dossiers of bulletin n°3 are processed with it). */
export async function isClerkTeam(db: Kysely<DB>, teamId: string): Promise<boolean> {
  return !!(await db.selectFrom('criminal_record_teams').select('team_id').where('team_id', '=', teamId).where('role', '=', 'clerk').executeTakeFirst());
}

export async function grantTeam(db: Kysely<DB>, teamId: string, role: 'clerk' | 'judge'): Promise<void> {
  await db.insertInto('criminal_record_teams').values({ team_id: teamId, role }).onConflict((oc) => oc.columns(['team_id', 'role']).doNothing()).execute();
}

const PERSON_COLUMNS = ['id', 'surname', 'given_names', 'birth_date', 'birth_place', 'father_name', 'mother_name', 'nin'] as const;
type PersonRow = { id: string; surname: string; given_names: string; birth_date: string; birth_place: string; father_name: string | null; mother_name: string | null; nin: string | null };
const toPerson = (r: PersonRow): Person => ({ id: r.id, surname: r.surname, givenNames: r.given_names, birthDate: r.birth_date, birthPlace: r.birth_place, fatherName: r.father_name, motherName: r.mother_name, nin: r.nin });

export async function insertPerson(db: Kysely<DB>, p: Person, createdBy: string | null): Promise<void> {
  await db
    .insertInto('criminal_persons')
    .values({
      id: p.id,
      surname: p.surname,
      given_names: p.givenNames,
      birth_date: p.birthDate,
      birth_place: p.birthPlace,
      father_name: p.fatherName ?? null,
      mother_name: p.motherName ?? null,
      nin: p.nin ?? null,
      surname_key: surnameKey(p.surname),
      given_key: givenKey(p.givenNames),
      created_by: createdBy,
    })
    .execute();
}

export async function personById(db: Kysely<DB>, id: string): Promise<Person | undefined> {
  const row = await db.selectFrom('criminal_persons').select(PERSON_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toPerson(row);
}

/**
 * Persons who share at least one strong trait with the identity (birth date, surname, given names or NIN), for
 * the matching to score. Each trait has its index; 200 rows at most (a common name with no other trait).
 */
export async function candidatesFor(db: Kysely<DB>, asked: Identity): Promise<Person[]> {
  const nin = asked.nin?.trim();
  const rows = await db
    .selectFrom('criminal_persons')
    .select(PERSON_COLUMNS)
    .where((eb) =>
      eb.or([
        eb('birth_date', '=', asked.birthDate),
        eb('surname_key', '=', surnameKey(asked.surname)),
        eb('given_key', '=', givenKey(asked.givenNames)),
        ...(nin ? [eb('nin', '=', nin)] : []),
      ]),
    )
    .limit(200)
    .execute();
  return rows.map(toPerson);
}

/** The back office's search by name words (any order, accents ignored) and/or birth date. */
export async function searchPersons(db: Kysely<DB>, q: { words: string[]; birthDate?: string }, limit = 50): Promise<Person[]> {
  let query = db.selectFrom('criminal_persons').select(PERSON_COLUMNS);
  for (const w of q.words) {
    const like = `%${w.replace(/[%_\\]/g, '')}%`;
    query = query.where((eb) => eb.or([eb('surname_key', 'like', like), eb('given_key', 'like', like)]));
  }
  if (q.birthDate) query = query.where('birth_date', '=', q.birthDate);
  const rows = await query.orderBy('surname_key').orderBy('given_key').orderBy('birth_date').limit(limit).execute();
  return rows.map(toPerson);
}

export interface NewConviction extends Omit<Conviction, 'events'> {
  administrationId: string;
  registeredBy: string | null;
}

export async function insertConviction(db: Kysely<DB>, c: NewConviction): Promise<void> {
  await db
    .insertInto('criminal_convictions')
    .values({
      id: c.id,
      person_id: c.personId,
      court_name: c.courtName,
      decision_reference: c.decisionReference,
      decision_date: c.decisionDate,
      offence_date: c.offenceDate,
      offence_label: c.offenceLabel,
      offence_category: c.category,
      prison_months: c.prisonMonths,
      prison_suspended_months: c.prisonSuspendedMonths,
      fine_xof: c.fineXof,
      fine_suspended: c.fineSuspended,
      other_penalty: c.otherPenalty,
      other_penalty_months: c.otherPenaltyMonths,
      b3_ordered: c.b3Ordered,
      administration_id: c.administrationId,
      registered_by: c.registeredBy,
    })
    .execute();
}

export async function insertEvent(db: Kysely<DB>, e: { id: string; convictionId: string; kind: EventKind; date: string; note: string | null; registeredBy: string | null }): Promise<void> {
  await db.insertInto('criminal_conviction_events').values({ id: e.id, conviction_id: e.convictionId, kind: e.kind, event_date: e.date, note: e.note, registered_by: e.registeredBy }).execute();
}

/** A person's fiches with their events, oldest decision first. */
export async function convictionsOf(db: Kysely<DB>, personId: string): Promise<Conviction[]> {
  const rows = await db.selectFrom('criminal_convictions').selectAll().where('person_id', '=', personId).orderBy('decision_date').orderBy('created_at').execute();
  if (rows.length === 0) return [];
  const events = await db
    .selectFrom('criminal_conviction_events')
    .select(['id', 'conviction_id', 'kind', 'event_date', 'note'])
    .where('conviction_id', 'in', rows.map((r) => r.id))
    .orderBy('event_date')
    .orderBy('created_at')
    .execute();
  const byConviction = new Map<string, ConvictionEvent[]>();
  for (const e of events) {
    const list = byConviction.get(e.conviction_id) ?? [];
    list.push({ id: e.id, kind: e.kind, date: e.event_date, note: e.note });
    byConviction.set(e.conviction_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    courtName: r.court_name,
    decisionReference: r.decision_reference,
    decisionDate: r.decision_date,
    offenceDate: r.offence_date,
    offenceLabel: r.offence_label,
    category: r.offence_category,
    prisonMonths: r.prison_months,
    prisonSuspendedMonths: r.prison_suspended_months,
    fineXof: r.fine_xof,
    fineSuspended: r.fine_suspended,
    otherPenalty: r.other_penalty,
    otherPenaltyMonths: r.other_penalty_months,
    b3Ordered: r.b3_ordered,
    events: byConviction.get(r.id) ?? [],
  }));
}

export async function convictionHead(db: Kysely<DB>, id: string): Promise<{ id: string; personId: string; decisionDate: string } | undefined> {
  const row = await db.selectFrom('criminal_convictions').select(['id', 'person_id', 'decision_date']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, personId: row.person_id, decisionDate: row.decision_date };
}

export async function apiClientByTokenHash(db: Kysely<DB>, tokenHash: string) {
  return db.selectFrom('criminal_record_api_clients').select(['id', 'name', 'administration_id', 'rights']).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function insertApiClient(db: Kysely<DB>, c: { id: string; name: string; administrationId: string | null; tokenHash: string; rights: string[] }): Promise<void> {
  await db.insertInto('criminal_record_api_clients').values({ id: c.id, name: c.name, administration_id: c.administrationId, token_hash: c.tokenHash, rights: c.rights }).execute();
}

/** The administration the national registry's documents are issued in the name of, when no court is at hand (API). */
export async function registryAdministration(db: Kysely<DB>, country: string): Promise<{ id: string; name: string } | undefined> {
  for (const code of [`${country}-justice-casier`, `${country}-justice`]) {
    const row = await db.selectFrom('administrations').select(['id', 'name']).where('code', '=', code).executeTakeFirst();
    if (row) return row;
  }
  return undefined;
}

// The civil-status SQL: birth acts, their mentions, the searches of a register. Nothing else.
import { sql, type Kysely } from 'kysely';
import type { BirthActParent, DB, MentionKind } from '../../../platform/db/schema.ts';

export interface BirthAct {
  id: string;
  registerId: string;
  year: number;
  number: number;
  dossierId: string | null;
  childSurname: string;
  childGivenNames: string;
  sex: 'f' | 'm';
  bornAt: Date;
  birthDate: string;
  birthPlace: string;
  mother: BirthActParent;
  father: BirthActParent | null;
  declarant: string;
  declaredAt: Date;
  registeredAt: Date;
  officerName: string;
}

export interface Mention {
  id: string;
  kind: MentionKind;
  date: string;
  text: string;
  authority: string;
  addedAt: Date;
}

function acts(db: Kysely<DB>) {
  return db
    .selectFrom('birth_acts as a')
    .select([
      'a.id',
      'a.register_id as registerId',
      'a.year',
      'a.number',
      'a.dossier_id as dossierId',
      'a.child_surname as childSurname',
      'a.child_given_names as childGivenNames',
      'a.sex',
      'a.born_at as bornAt',
      sql<string>`a.birth_date::text`.as('birthDate'),
      'a.birth_place as birthPlace',
      'a.mother',
      'a.father',
      'a.declarant',
      'a.declared_at as declaredAt',
      'a.registered_at as registeredAt',
      'a.officer_name as officerName',
    ]);
}

export type NewAct = Omit<BirthAct, 'registeredAt'> & { registeredAt: Date; officerId: string };

export async function insertAct(trx: Kysely<DB>, act: NewAct): Promise<void> {
  await trx
    .insertInto('birth_acts')
    .values({
      id: act.id,
      register_id: act.registerId,
      year: act.year,
      number: act.number,
      dossier_id: act.dossierId,
      child_surname: act.childSurname,
      child_given_names: act.childGivenNames,
      sex: act.sex,
      born_at: act.bornAt,
      birth_date: act.birthDate,
      birth_place: act.birthPlace,
      mother: JSON.stringify(act.mother),
      father: JSON.stringify(act.father),
      declarant: act.declarant,
      declared_at: act.declaredAt,
      registered_at: act.registeredAt,
      officer_id: act.officerId,
      officer_name: act.officerName,
    })
    .execute();
}

export async function actById(db: Kysely<DB>, id: string): Promise<BirthAct | undefined> {
  return (await acts(db).where('a.id', '=', id).executeTakeFirst()) as BirthAct | undefined;
}

export async function actOfDossier(db: Kysely<DB>, dossierId: string): Promise<BirthAct | undefined> {
  return (await acts(db).where('a.dossier_id', '=', dossierId).executeTakeFirst()) as BirthAct | undefined;
}

export interface ActSearch {
  registerIds: string[];
  year?: number;
  number?: number;
  surname?: string;
  givenNames?: string;
  birthDate?: string;
}

/**
 * Acts of the given registers: by number and year, or by the child's surname (accents and case ignored,
 * given names as a prefix) and birth date. At most 20, newest first: a search that needs more is too vague.
 */
export async function searchActs(db: Kysely<DB>, q: ActSearch): Promise<BirthAct[]> {
  if (q.registerIds.length === 0) return [];
  let query = acts(db).where('a.register_id', 'in', q.registerIds);
  if (q.year !== undefined) query = query.where('a.year', '=', q.year);
  if (q.number !== undefined) query = query.where('a.number', '=', q.number);
  if (q.surname) query = query.where(sql<boolean>`unaccent(lower(a.child_surname)) = unaccent(lower(${q.surname}))`);
  if (q.givenNames) query = query.where(sql<boolean>`unaccent(lower(a.child_given_names)) LIKE unaccent(lower(${q.givenNames.replace(/[\\%_]/g, '\\$&')})) || '%'`);
  if (q.birthDate) query = query.where(sql<boolean>`a.birth_date = ${q.birthDate}::date`);
  return (await query.orderBy('a.registered_at', 'desc').limit(20).execute()) as BirthAct[];
}

export async function mentionsOf(db: Kysely<DB>, actId: string): Promise<Mention[]> {
  return db
    .selectFrom('birth_act_mentions')
    .select(['id', 'kind', sql<string>`mention_date::text`.as('date'), 'text', 'authority', 'added_at as addedAt'])
    .where('act_id', '=', actId)
    .orderBy('added_at')
    .orderBy('id')
    .execute();
}

export async function insertMention(trx: Kysely<DB>, m: { id: string; actId: string; kind: MentionKind; date: string; text: string; authority: string; addedBy: string; at: Date }): Promise<void> {
  await trx
    .insertInto('birth_act_mentions')
    .values({ id: m.id, act_id: m.actId, kind: m.kind, mention_date: m.date, text: m.text, authority: m.authority, added_by: m.addedBy, added_at: m.at })
    .execute();
}

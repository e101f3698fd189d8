// The criminal record's rules of access and its operations. Only members of a team holding the registry
// ('clerk') read, search and write it; members of a judges' team ('judge') read bulletin n°1. Everyone else
// finds nothing (404) — the check is here, not only in the routes. Every search and every view of a fiche is
// written to the audit log, in the transaction of what it records when there is one.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../../platform/http/types.ts';
import type { DB } from '../../../platform/db/schema.ts';
import type { SessionUser } from '../../../platform/auth/session.ts';
import { HttpProblem } from '../../../platform/http/errors.tsx';
import { appendAudit } from '../../../platform/audit/index.ts';
import { newId } from '../../../platform/db/ids.ts';
import { evaluate, bulletinEntries } from './engine.ts';
import { normalizeName, rank, type Match } from './matching.ts';
import { today, type Bulletin, type Conviction, type EventKind, type Identity, type Person } from './model.ts';
import type { ConvictionInput } from './form.ts';
import * as store from './store.ts';

export interface Access {
  userId: string;
  /** Administrations whose registry the user keeps (through a clerks' team). */
  clerkOf: string[];
  judgeOf: string[];
}

export const isClerk = (a: Access) => a.clerkOf.length > 0;
export const isJudge = (a: Access) => a.judgeOf.length > 0;

/**
 * The user's registry rights, or a refusal: 404 by default (a fiche or person id must not be probed), 403 where
 * the address itself is no secret (the registry's home page).
 */
export async function requireAccess(db: Kysely<DB>, user: SessionUser, need: 'clerk' | 'judge' | 'any', status: 403 | 404 = 404): Promise<Access> {
  const rights = user.role === 'agent' || user.role === 'manager' ? await store.rightsOf(db, user.id) : { clerkOf: [], judgeOf: [] };
  const access = { userId: user.id, ...rights };
  const ok = need === 'clerk' ? isClerk(access) : need === 'judge' ? isJudge(access) : isClerk(access) || isJudge(access);
  if (!ok) throw new HttpProblem(status, status === 403 ? 'casier.error.forbidden' : 'casier.error.notfound');
  return access;
}

/** The administration an audit entry belongs to: the court whose registry (or bench) the user sits in. */
const courtOf = (a: Access) => a.clerkOf[0] ?? a.judgeOf[0] ?? null;

export async function search(db: Kysely<DB>, access: Access, q: { text: string; birthDate?: string }): Promise<Person[]> {
  const words = normalizeName(q.text).split(' ').filter((w) => w.length >= 2).slice(0, 6);
  if (words.length === 0 && !q.birthDate) return [];
  const found = await store.searchPersons(db, { words, birthDate: q.birthDate });
  await appendAudit(db, { actorId: access.userId, action: 'casier.search', administrationId: courtOf(access), details: { q: q.text.slice(0, 200), birth_date: q.birthDate ?? null, results: found.length } });
  return found;
}

/** A person and every fiche, for a clerk: the view is audited. */
export async function viewPerson(db: Kysely<DB>, access: Access, personId: string): Promise<{ person: Person; convictions: Conviction[] }> {
  const person = /^[0-9A-Z]{26}$/.test(personId) ? await store.personById(db, personId) : undefined;
  if (!person) throw new HttpProblem(404, 'casier.error.notfound');
  const convictions = await store.convictionsOf(db, person.id);
  await appendAudit(db, { actorId: access.userId, action: 'casier.view', subject: { type: 'criminal_person', id: person.id }, administrationId: courtOf(access), details: { convictions: convictions.length } });
  return { person, convictions };
}

/** Bulletin n°1 of a person, for a judge (or a clerk): audited as a view with the bulletin's number. */
export async function bulletin1(db: Kysely<DB>, access: Access, personId: string, timeZone: string): Promise<{ person: Person; entries: Conviction[]; day: string }> {
  const person = /^[0-9A-Z]{26}$/.test(personId) ? await store.personById(db, personId) : undefined;
  if (!person) throw new HttpProblem(404, 'casier.error.notfound');
  const day = today(timeZone);
  const entries = bulletinEntries(1, person, await store.convictionsOf(db, person.id), day);
  await appendAudit(db, { actorId: access.userId, action: 'casier.view', subject: { type: 'criminal_person', id: person.id }, administrationId: courtOf(access), details: { bulletin: 1, entries: entries.length } });
  return { person, entries, day };
}

/** The verdicts of the three bulletins for each fiche, for the clerk's person page. */
export function verdicts(person: Person, convictions: Conviction[], day: string) {
  const of = (b: Bulletin) => new Map(evaluate(b, person, convictions, day).map((v) => [v.conviction.id, v]));
  return { 1: of(1), 2: of(2), 3: of(3) } as const;
}

export type Registration = { kind: 'done'; personId: string; convictionId: string } | { kind: 'homonyms'; matches: Match[] };

/**
 * Registers a conviction, for a registered person (`personId`) or a new one. A new identity alike to registered
 * persons is not created blindly: the clerk is shown them and says which one it is, or that it is none
 * (`confirmNew`). The candidates shown are themselves a search of the registry, and audited as one.
 */
export async function registerConviction(db: Kysely<DB>, access: Access, input: { personId?: string; identity?: Identity; confirmNew: boolean; conviction: ConvictionInput }): Promise<Registration> {
  if (!isClerk(access)) throw new HttpProblem(404, 'casier.error.notfound');
  let person: Person | undefined;
  if (input.personId) {
    person = /^[0-9A-Z]{26}$/.test(input.personId) ? await store.personById(db, input.personId) : undefined;
    if (!person) throw new HttpProblem(404, 'casier.error.notfound');
  } else if (input.identity && !input.confirmNew) {
    const matches = rank(input.identity, await store.candidatesFor(db, input.identity));
    if (matches.length > 0) {
      await appendAudit(db, { actorId: access.userId, action: 'casier.search', administrationId: courtOf(access), details: { reason: 'registration', results: matches.length } });
      return { kind: 'homonyms', matches };
    }
  }
  if (!person && !input.identity) throw new HttpProblem(400, 'error.badrequest');
  const personId = person?.id ?? newId();
  const convictionId = newId();
  await db.transaction().execute(async (trx) => {
    if (!person) await store.insertPerson(trx, { id: personId, ...input.identity! }, access.userId);
    await store.insertConviction(trx, { id: convictionId, personId, ...input.conviction, administrationId: access.clerkOf[0]!, registeredBy: access.userId });
    await appendAudit(trx, { actorId: access.userId, action: 'casier.register', subject: { type: 'criminal_conviction', id: convictionId }, administrationId: courtOf(access), details: { person: personId, new_person: !person } });
  });
  return { kind: 'done', personId, convictionId };
}

export async function addEvent(db: Kysely<DB>, access: Access, convictionId: string, input: { kind: EventKind; date: string; note: string | null }): Promise<void> {
  if (!isClerk(access)) throw new HttpProblem(404, 'casier.error.notfound');
  await db.transaction().execute(async (trx) => {
    await store.insertEvent(trx, { id: newId(), convictionId, ...input, registeredBy: access.userId });
    await appendAudit(trx, { actorId: access.userId, action: 'casier.event', subject: { type: 'criminal_conviction', id: convictionId }, administrationId: courtOf(access), details: { kind: input.kind, date: input.date } });
  });
}

export async function conviction(db: Kysely<DB>, id: string) {
  const head = /^[0-9A-Z]{26}$/.test(id) ? await store.convictionHead(db, id) : undefined;
  if (!head) throw new HttpProblem(404, 'casier.error.notfound');
  return head;
}

/** Where bulletins are signed: the capital of the deployment's country (the registry's seat). */
export const PLACES: Record<string, string> = { ne: 'Niamey', sn: 'Dakar', ci: 'Abidjan' };

export type Ctx = Pick<AppContext, 'db' | 'config'>;

// The civil-status register's rules. Only the officers of a commune (registers.ts) see or change its register;
// everything else gets a 404, never a 403, so an act or a dossier cannot be probed. Every view and search of
// an act, every registration, extract and mention is written to the audit log, in the transaction of the
// change when there is one.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../../platform/http/types.ts';
import type { DB, MentionKind } from '../../../platform/db/schema.ts';
import type { SessionUser } from '../../../platform/auth/session.ts';
import { HttpProblem } from '../../../platform/http/errors.tsx';
import { appendAudit } from '../../../platform/audit/index.ts';
import { newId, ULID as ID } from '../../../platform/db/ids.ts';
import { canTake, decide } from '../../dossiers/index.ts';
import { issueDocument, previewDocument } from '../../documents/index.ts';
import { communeOf, DECLARATION_SLUG, readDeclaration, type DeclarationProblem } from './declaration.ts';
import { civilDossierRow, type CivilDossierRow } from './dossiers-store.ts';
import { registerById, registerOfCommune, registersOf, type Register } from './registers.ts';
import { actNumber, localDay, localYear, nextActNumber } from './numbering.ts';
import { extractContent } from './extract.ts';
import * as store from './store.ts';

const NOT_FOUND = 'civil.error.notfound' as const;

export interface CivilDossier extends CivilDossierRow {
  kind: 'declaration' | 'extract';
  register: Register;
}

/** The dossier if it is a civil-status declaration or extract request of a commune the user is an officer of. */
export async function civilDossier(ctx: AppContext, user: SessionUser, id: string): Promise<CivilDossier> {
  const row = ID.test(id) ? await civilDossierRow(ctx.db, id, ctx.config.country) : undefined;
  const kind = row?.slug === DECLARATION_SLUG ? 'declaration' : 'extract';
  const commune = row && communeOf(kind === 'declaration' ? row.answers.commune_naissance : row.answers.commune_enregistrement);
  const register = commune ? await registerOfCommune(ctx.db, ctx.config.country, commune) : undefined;
  if (!row || !register || !(await registersOf(ctx.db, user)).some((r) => r.id === register.id)) throw new HttpProblem(404, NOT_FOUND);
  return { ...row, kind, register };
}

const about = (user: SessionUser, register: Register, subject: { type: string; id: string }) => ({ actorId: user.id, administrationId: register.administrationId, subject });

// --- Registration ----------------------------------------------------------------------------------------

export type RegistrationOutcome =
  | { ok: true; actId: string; number: string }
  | { ok: false; reason: 'stale' | 'state' | 'exists' }
  | { ok: false; reason: 'problems'; problems: DeclarationProblem[] };

/** Thrown inside the registration's transaction when the number drawn is not the one announced: retried. */
class NumberMoved extends Error {}

/**
 * Draws up the birth act of a declaration and accepts the dossier, in one transaction: the dossier's row lock
 * (decide), the register's counter row, the act, the timeline event, the parent's notice and the audit entry
 * commit together or not at all. The decision's motivation names the act number, which is only known once the
 * counter row is locked; so the number is read first, and if another registration took it meanwhile the
 * transaction is rolled back and tried again (a few times: a register takes a few acts a minute, not a second).
 */
export async function registerBirth(ctx: AppContext, user: SessionUser, cd: CivilDossier, input: { version: number; now?: Date }): Promise<RegistrationOutcome> {
  if (cd.kind !== 'declaration') throw new HttpProblem(404, NOT_FOUND);
  if (await store.actOfDossier(ctx.db, cd.id)) return { ok: false, reason: 'exists' };
  if (!canTake('accept', cd.status)) return { ok: false, reason: 'state' };
  const now = input.now ?? new Date();
  const read = readDeclaration(cd.answers, ctx.config.country, now);
  if (!read.ok) return { ok: false, reason: 'problems', problems: read.problems };
  const facts = read.facts;
  const year = localYear(now, ctx.config.timeZone);
  const officer = await ctx.db.selectFrom('users').select('name').where('id', '=', user.id).executeTakeFirst();
  const officerName = officer?.name ?? user.email ?? user.id;
  for (let attempt = 0; attempt < 8; attempt++) {
    const expected = (await lastNumber(ctx.db, cd.register.id, year)) + 1;
    const number = actNumber(year, expected);
    const actId = newId();
    try {
      const result = await decide(ctx, {
        dossierId: cd.id,
        action: 'accept',
        motivation: `Naissance enregistrée au registre de l'état civil (${cd.register.centreName}) : acte n° ${number}.`,
        version: input.version,
        agentId: user.id,
        now,
        alsoInTransaction: async (trx) => {
          const drawn = await nextActNumber(trx, cd.register.id, year);
          if (drawn !== expected) throw new NumberMoved();
          await store.insertAct(trx, {
            id: actId,
            registerId: cd.register.id,
            year,
            number: drawn,
            dossierId: cd.id,
            childSurname: facts.childSurname,
            childGivenNames: facts.childGivenNames,
            sex: facts.sex,
            bornAt: facts.bornAt,
            birthDate: localDay(facts.bornAt, ctx.config.timeZone),
            birthPlace: facts.birthPlace,
            mother: facts.mother,
            father: facts.father,
            declarant: facts.declarant,
            declaredAt: cd.submittedAt,
            registeredAt: now,
            officerId: user.id,
            officerName,
          });
          await appendAudit(trx, { ...about(user, cd.register, { type: 'birth_act', id: actId }), action: 'civil_status.register', details: { dossier: cd.id, number } });
        },
      });
      if (!result.ok) return { ok: false, reason: result.reason === 'stale' ? 'stale' : 'state' };
      return { ok: true, actId, number };
    } catch (err) {
      if (!(err instanceof NumberMoved)) throw err;
    }
  }
  throw new Error('the register counter kept moving; registration not done');
}

async function lastNumber(db: Kysely<DB>, registerId: string, year: number): Promise<number> {
  const row = await db.selectFrom('civil_act_counters').select('last_number').where('register_id', '=', registerId).where('year', '=', year).executeTakeFirst();
  return row?.last_number ?? 0;
}

// --- Acts: viewing, searching ------------------------------------------------------------------------------

/** An act of one of the officer's registers (404 otherwise), its viewing audited. */
export async function viewAct(ctx: AppContext, user: SessionUser, actId: string): Promise<{ act: store.BirthAct; register: Register; mentions: store.Mention[] }> {
  const act = ID.test(actId) ? await store.actById(ctx.db, actId) : undefined;
  const register = act && (await registersOf(ctx.db, user)).find((r) => r.id === act.registerId);
  if (!act || !register) throw new HttpProblem(404, 'civil.error.actnotfound');
  await appendAudit(ctx.db, { ...about(user, register, { type: 'birth_act', id: act.id }), action: 'civil_status.act_view' });
  return { act, register, mentions: await store.mentionsOf(ctx.db, act.id) };
}

export interface SearchCriteria {
  number?: number;
  year?: number;
  surname?: string;
  givenNames?: string;
  birthDate?: string;
}

/** A search needs a number and a year, or a surname and a birth date: anything vaguer would list a register. */
export function searchIsPrecise(c: SearchCriteria): boolean {
  return (c.number !== undefined && c.year !== undefined) || (!!c.surname && !!c.birthDate);
}

/** Searches one register of the officer's; the search and what it found are audited. */
export async function searchRegister(ctx: AppContext, user: SessionUser, register: Register, criteria: SearchCriteria, dossierId?: string): Promise<store.BirthAct[]> {
  if (!searchIsPrecise(criteria)) return [];
  const found = await store.searchActs(ctx.db, { registerIds: [register.id], ...criteria });
  const subject = dossierId ? { type: 'dossier', id: dossierId } : { type: 'civil_register', id: register.id };
  await appendAudit(ctx.db, { ...about(user, register, subject), action: 'civil_status.search', details: { criteria: { ...criteria }, found: found.map((a) => a.id) } });
  return found;
}

export async function officerRegister(ctx: AppContext, user: SessionUser, registerId: string): Promise<Register | undefined> {
  return (await registersOf(ctx.db, user)).find((r) => r.id === registerId);
}

/** The search an extract request's answers call for: the act's number and year when given, else names and date. */
export function criteriaOfRequest(answers: Record<string, unknown>): SearchCriteria {
  const number = typeof answers.numero_acte === 'string' && /^\d{1,6}$/.test(answers.numero_acte) ? Number(answers.numero_acte) : undefined;
  const year = typeof answers.annee_acte === 'number' ? answers.annee_acte : undefined;
  if (answers.connait_references === true && number !== undefined && year !== undefined) return { number, year };
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  return { surname: str(answers.nom), givenNames: str(answers.prenoms)?.split(/\s+/)[0], birthDate: str(answers.date_naissance) };
}

// --- Extracts ----------------------------------------------------------------------------------------------

export type ExtractOutcome = { ok: true; documentId: string } | { ok: false; reason: 'stale' | 'state' | 'act' };

async function extractOf(ctx: AppContext, cd: CivilDossier, actId: string) {
  const act = ID.test(actId) ? await store.actById(ctx.db, actId) : undefined;
  if (!act || act.registerId !== cd.register.id) return undefined;
  const mentions = await store.mentionsOf(ctx.db, act.id);
  const content = extractContent({ act, mentions, register: cd.register, timeZone: ctx.config.timeZone, dossierId: cd.id, full: cd.answers.type_document === 'copie_integrale' });
  return { act, content };
}

/** The extract as it would be issued, marked as a preview, for the officer to check before issuing. */
export async function previewExtract(ctx: AppContext, user: SessionUser, cd: CivilDossier, actId: string): Promise<Uint8Array> {
  if (cd.kind !== 'extract') throw new HttpProblem(404, NOT_FOUND);
  const found = await extractOf(ctx, cd, actId);
  if (!found) throw new HttpProblem(404, 'civil.error.actnotfound');
  await appendAudit(ctx.db, { ...about(user, cd.register, { type: 'birth_act', id: found.act.id }), action: 'civil_status.extract_preview', details: { dossier: cd.id } });
  return previewDocument(ctx, found.content);
}

/** Issues the sealed extract of the act chosen and accepts the request, in one transaction. */
export async function issueExtract(ctx: AppContext, user: SessionUser, cd: CivilDossier, input: { actId: string; version: number }): Promise<ExtractOutcome> {
  if (cd.kind !== 'extract') throw new HttpProblem(404, NOT_FOUND);
  if (!canTake('accept', cd.status)) return { ok: false, reason: 'state' };
  const found = await extractOf(ctx, cd, input.actId);
  if (!found) return { ok: false, reason: 'act' };
  const number = actNumber(found.act.year, found.act.number);
  let documentId = '';
  const result = await decide(ctx, {
    dossierId: cd.id,
    action: 'accept',
    motivation: `${found.content.title} (acte n° ${number}) délivré : téléchargez-le depuis la page du dossier.`,
    version: input.version,
    agentId: user.id,
    now: new Date(),
    alsoInTransaction: async (trx) => {
      documentId = (await issueDocument(ctx, found.content, trx)).id;
      await appendAudit(trx, { ...about(user, cd.register, { type: 'birth_act', id: found.act.id }), action: 'civil_status.extract_issue', details: { dossier: cd.id, document: documentId, number } });
    },
  });
  if (!result.ok) return { ok: false, reason: result.reason === 'stale' ? 'stale' : 'state' };
  return { ok: true, documentId };
}

// --- Marginal mentions -------------------------------------------------------------------------------------

export const MENTION_KINDS: readonly MentionKind[] = ['recognition', 'marriage', 'divorce', 'death', 'rectification'];

export type MentionProblem = 'civil.mention.error.kind' | 'civil.mention.error.date' | 'civil.mention.error.future' | 'civil.mention.error.beforebirth' | 'civil.mention.error.text' | 'civil.mention.error.authority';

export interface MentionInput {
  kind: string;
  date: string;
  text: string;
  authority: string;
}

/** « 27/03/2026 » or « 2026-03-27 » as yyyy-mm-dd, if it is a real day. */
export function parseDay(s: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s.trim()) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = m[1]!.length === 4 ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[2]!, m[1]!];
  const day = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? day : null;
}

export function checkMention(input: MentionInput, birthDate: string, today: string): { ok: true; date: string } | { ok: false; problems: MentionProblem[] } {
  const problems: MentionProblem[] = [];
  if (!(MENTION_KINDS as readonly string[]).includes(input.kind)) problems.push('civil.mention.error.kind');
  const date = parseDay(input.date);
  if (!date) problems.push('civil.mention.error.date');
  else if (date > today) problems.push('civil.mention.error.future');
  else if (date < birthDate) problems.push('civil.mention.error.beforebirth');
  if (input.text.trim() === '' || input.text.trim().length > 2000) problems.push('civil.mention.error.text');
  if (input.authority.trim() === '' || input.authority.trim().length > 200) problems.push('civil.mention.error.authority');
  return problems.length > 0 || !date ? { ok: false, problems } : { ok: true, date };
}

/** Writes a mention in the margin of an act of the officer's register; audited in the same transaction. */
export async function addMention(ctx: AppContext, user: SessionUser, actId: string, input: MentionInput): Promise<{ ok: true } | { ok: false; problems: MentionProblem[] }> {
  const act = ID.test(actId) ? await store.actById(ctx.db, actId) : undefined;
  const register = act && (await registersOf(ctx.db, user)).find((r) => r.id === act.registerId);
  if (!act || !register) throw new HttpProblem(404, 'civil.error.actnotfound');
  const checked = checkMention(input, act.birthDate, localDay(new Date(), ctx.config.timeZone));
  if (!checked.ok) return checked;
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await store.insertMention(trx, { id, actId: act.id, kind: input.kind as MentionKind, date: checked.date, text: input.text.trim(), authority: input.authority.trim(), addedBy: user.id, at: new Date() });
    await appendAudit(trx, { ...about(user, register, { type: 'birth_act', id: act.id }), action: 'civil_status.mention_add', details: { mention: id, kind: input.kind } });
  });
  return { ok: true };
}

export { registerById, registersOf };

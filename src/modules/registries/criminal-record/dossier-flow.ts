// Bulletin n°3 for a dossier of the online request: the clerk of the team the dossier was routed to sees the
// registered persons alike to the applicant's declared identity, picks one or « aucune correspondance », reads
// the bulletin the rules give, previews it, and issues it: the sealed document and the dossier's acceptance are
// written in one transaction, with their audit entry.
import { sql } from 'kysely';
import type { AppContext } from '../../../platform/http/types.ts';
import type { DossierStatus } from '../../../platform/db/schema.ts';
import { HttpProblem } from '../../../platform/http/errors.tsx';
import { appendAudit } from '../../../platform/audit/index.ts';
import { decide } from '../../dossiers/index.ts';
import { issueDocument, previewDocument, type DocumentContent } from '../../documents/index.ts';
import { bulletinDocument } from './bulletin.ts';
import { bulletinEntries } from './engine.ts';
import { outcome, rank, type Match } from './matching.ts';
import { isIsoDate, today, type Conviction, type Identity } from './model.ts';
import * as store from './store.ts';
import { PLACES, type Access } from './service.ts';

/** The online procedures whose dossiers end in a bulletin n°3 (same slug in every country pack). */
export const BULLETIN_3_SLUGS = ['extrait-casier-judiciaire'];

/** A bulletin n°3 is commonly asked to be less than three months old: the seal says until when. */
const VALIDITY_DAYS = 90;

export interface ClerkDossier {
  id: string;
  reference: string;
  status: DossierStatus;
  version: number;
  answers: Record<string, unknown>;
  courtId: string;
  courtName: string;
}

/**
 * The dossier if the user keeps the registry in the team it was routed to, and it is a bulletin n°3 request;
 * otherwise 404, whoever asks (the dossier's other readers included: the registry is the clerks').
 */
export async function clerkDossier(ctx: AppContext, userId: string, dossierId: string): Promise<ClerkDossier> {
  if (!/^[0-9A-Z]{26}$/.test(dossierId)) throw new HttpProblem(404, 'casier.error.notfound');
  const { rows } = await sql<ClerkDossier>`
    SELECT d.id, d.reference, d.status, d.version, d.answers, t.administration_id AS "courtId", a.name AS "courtName"
    FROM dossiers d
    JOIN procedures p ON p.id = d.procedure_id
    JOIN teams t ON t.id = d.team_id
    JOIN administrations a ON a.id = t.administration_id
    JOIN criminal_record_teams r ON r.team_id = d.team_id AND r.role = 'clerk'
    JOIN team_members m ON m.team_id = d.team_id AND m.user_id = ${userId}
    WHERE d.id = ${dossierId} AND d.status <> 'draft' AND p.slug IN (${sql.join(BULLETIN_3_SLUGS)})`.execute(ctx.db);
  const row = rows[0];
  if (!row) throw new HttpProblem(404, 'casier.error.notfound');
  return { ...row, version: Number(row.version) };
}

const answer = (answers: Record<string, unknown>, id: string) => {
  const v = answers[id];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
};

/** The identity the applicant declared in the request's form (fields of procedures/*\/online/extrait-casier-judiciaire.yaml). */
export function identityOfAnswers(answers: Record<string, unknown>): Identity | undefined {
  const surname = answer(answers, 'nom');
  const givenNames = answer(answers, 'prenoms');
  const birthDate = answer(answers, 'date_naissance');
  const birthPlace = answer(answers, 'lieu_naissance');
  if (!surname || !givenNames || !birthDate || !isIsoDate(birthDate) || !birthPlace) return undefined;
  return { surname, givenNames, birthDate, birthPlace, fatherName: answer(answers, 'nom_pere'), motherName: answer(answers, 'nom_mere'), nin: answer(answers, 'nin') };
}

export interface Candidates {
  identity: Identity;
  matches: Match[];
  outcome: ReturnType<typeof outcome>;
}

/** The registered persons alike to the applicant: a search of the registry, audited against the dossier. */
export async function candidatesOf(ctx: AppContext, access: Access, dossier: ClerkDossier): Promise<Candidates> {
  const identity = identityOfAnswers(dossier.answers);
  if (!identity) throw new HttpProblem(404, 'casier.error.notfound');
  const matches = rank(identity, await store.candidatesFor(ctx.db, identity));
  await appendAudit(ctx.db, { actorId: access.userId, action: 'casier.search', subject: { type: 'dossier', id: dossier.id }, administrationId: dossier.courtId, details: { reason: 'bulletin-3', results: matches.length } });
  return { identity, matches, outcome: outcome(matches) };
}

export type Choice = { personId: string } | 'none';

/** 'aucune' or the id of one of the candidates; anything else (a forged id) is no choice. */
export function readChoice(value: string, candidates: Candidates): Choice | undefined {
  if (value === 'aucune') return 'none';
  return candidates.matches.some((m) => m.person.id === value) ? { personId: value } : undefined;
}

export interface Draft {
  choice: Choice;
  entries: Conviction[];
  content: DocumentContent;
}

/** The bulletin the rules give for the choice: the registry person's fiches kept on n°3 (none for « aucune »). */
export async function draftBulletin(ctx: AppContext, access: Access, dossier: ClerkDossier, candidates: Candidates, choice: Choice): Promise<Draft> {
  const day = today(ctx.config.timeZone);
  let entries: Conviction[] = [];
  if (choice !== 'none') {
    const person = candidates.matches.find((m) => m.person.id === choice.personId)!.person;
    entries = bulletinEntries(3, person, await store.convictionsOf(ctx.db, person.id), day);
    await appendAudit(ctx.db, { actorId: access.userId, action: 'casier.view', subject: { type: 'criminal_person', id: person.id }, administrationId: dossier.courtId, details: { bulletin: 3, dossier: dossier.id, entries: entries.length } });
  }
  const content = bulletinDocument(3, candidates.identity, entries, {
    issuerAdministrationId: dossier.courtId,
    dossierId: dossier.id,
    place: PLACES[ctx.config.country] ?? ctx.config.country,
    signatory: `Le greffier en chef — ${dossier.courtName}`,
    expiresAt: new Date(Date.now() + VALIDITY_DAYS * 86_400_000),
  });
  return { choice, entries, content };
}

export async function preview(ctx: AppContext, draft: Draft): Promise<Uint8Array> {
  return previewDocument(ctx, draft.content);
}

export type IssueOutcome = { ok: true; documentId: string } | { ok: false; reason: 'stale' | 'state' | 'not-found' | 'motivation' };

/** Seals the bulletin and accepts the dossier, together or not at all. */
export async function issue(ctx: AppContext, access: Access, dossier: ClerkDossier, draft: Draft, version: number): Promise<IssueOutcome> {
  let documentId = '';
  const result = await decide(ctx, {
    dossierId: dossier.id,
    action: 'accept',
    motivation: draft.entries.length === 0 ? 'Bulletin n° 3 délivré : néant.' : 'Bulletin n° 3 délivré.',
    version,
    agentId: access.userId,
    now: new Date(),
    alsoInTransaction: async (trx) => {
      const issued = await issueDocument(ctx, draft.content, trx);
      documentId = issued.id;
      await appendAudit(trx, {
        actorId: access.userId,
        action: 'casier.issue',
        subject: { type: 'dossier', id: dossier.id },
        administrationId: dossier.courtId,
        details: { bulletin: 3, document: issued.reference, person: draft.choice === 'none' ? null : draft.choice.personId, entries: draft.entries.length },
      });
    },
  });
  return result.ok ? { ok: true, documentId } : { ok: false, reason: result.reason };
}

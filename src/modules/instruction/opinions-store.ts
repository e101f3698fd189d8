// SQL of expert opinions. `expertSees` is the one definition of who may read a dossier as an expert; the
// scope door (store.dossierInScope) and the expert's list both use it, so they cannot drift apart.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

type Q = Kysely<DB>;

/** An expert keeps reading the dossier this long after it is decided (to reread what he answered), then loses it. */
export const EXPERT_DAYS_AFTER_DECISION = 30;

/** The request `o` is addressed to the user: by name, or to one of his teams (membership is read now, not when asked). */
function addressedTo(userId: string): RawBuilder<boolean> {
  return sql<boolean>`(o.expert_id = ${userId} OR o.team_id IN (SELECT tm.team_id FROM team_members tm WHERE tm.user_id = ${userId}))`;
}

/** The dossier `d` is still within the experts' reach: undecided, or decided less than the grace period ago. */
const withinReach = sql<boolean>`(d.decided_at IS NULL OR d.decided_at > now() - make_interval(days => ${EXPERT_DAYS_AFTER_DECISION}::int))`;

/** The user was asked for an opinion on the dossier `d` (open or answered) and may still read it. */
export function expertSees(userId: string): RawBuilder<boolean> {
  return sql<boolean>`(EXISTS (SELECT 1 FROM dossier_opinions o WHERE o.dossier_id = d.id AND ${addressedTo(userId)}) AND ${withinReach})`;
}

export interface OpinionRow {
  id: string;
  dossierId: string;
  question: string;
  yesNo: boolean;
  dueAt: Date;
  createdAt: Date;
  askedBy: string | null;
  askerName: string | null;
  expertName: string | null;
  teamName: string | null;
  answer: string | null;
  answerYes: boolean | null;
  answererName: string | null;
  answeredAt: Date | null;
  /** Addressed to the reader, who may answer it while it is open. */
  mine: boolean;
}

const ROW = (userId: string) => sql`
  o.id, o.dossier_id AS "dossierId", o.question, o.yes_no AS "yesNo", o.due_at AS "dueAt", o.created_at AS "createdAt",
  o.asked_by AS "askedBy", asker.name AS "askerName", ex.name AS "expertName", tm.name AS "teamName",
  o.answer, o.answer_yes AS "answerYes", an.name AS "answererName", o.answered_at AS "answeredAt",
  ${addressedTo(userId)} AS mine`;

const JOINS = sql`
  LEFT JOIN users asker ON asker.id = o.asked_by
  LEFT JOIN users ex ON ex.id = o.expert_id
  LEFT JOIN teams tm ON tm.id = o.team_id
  LEFT JOIN users an ON an.id = o.answered_by`;

/** The requests on one dossier; `onlyMine` for an expert, who reads his own requests and not his colleagues'. */
export async function opinionsOf(db: Q, dossierId: string, userId: string, onlyMine: boolean): Promise<OpinionRow[]> {
  const { rows } = await sql<OpinionRow>`
    SELECT ${ROW(userId)} FROM dossier_opinions o ${JOINS}
    WHERE o.dossier_id = ${dossierId} ${onlyMine ? sql`AND ${addressedTo(userId)}` : sql``}
    ORDER BY o.created_at, o.id`.execute(db);
  return rows;
}

export interface ExpertListRow extends OpinionRow {
  reference: string;
  procedureTitle: string;
}

/** What the user is asked to answer, open ones first by due date; dossiers out of reach drop out. */
export async function opinionsAddressedTo(db: Q, userId: string, locale: string, limit = 200): Promise<ExpertListRow[]> {
  const { rows } = await sql<ExpertListRow>`
    SELECT ${ROW(userId)}, d.reference, coalesce(t.title, f.title) AS "procedureTitle"
    FROM dossier_opinions o ${JOINS}
    JOIN dossiers d ON d.id = o.dossier_id
    JOIN procedure_texts f ON f.procedure_id = d.procedure_id AND f.locale = 'fr'
    LEFT JOIN procedure_texts t ON t.procedure_id = d.procedure_id AND t.locale = ${locale}
    WHERE ${addressedTo(userId)} AND ${withinReach}
    ORDER BY o.answered_at IS NOT NULL, o.due_at, o.id
    LIMIT ${limit}`.execute(db);
  return rows;
}

export interface Candidate {
  id: string;
  name: string;
}

/** Who may be asked: the agents and managers of these administrations (the asker aside), and their teams. */
export async function candidates(db: Q, administrationIds: string[], askerId: string): Promise<{ people: Candidate[]; teams: Candidate[] }> {
  if (administrationIds.length === 0) return { people: [], teams: [] };
  const [people, teams] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', sql<string>`coalesce(name, email, phone, id)`.as('name')])
      .where('administration_id', 'in', administrationIds)
      .where('role', 'in', ['agent', 'manager'])
      .where('id', '<>', askerId)
      .orderBy('name')
      .execute(),
    db.selectFrom('teams').select(['id', 'name']).where('administration_id', 'in', administrationIds).orderBy('name').execute(),
  ]);
  return { people, teams };
}

export interface Recipient {
  email: string | null;
  phone: string | null;
  locale: string | null;
}

/** The people to tell of a request: the named person, or every member of the team. */
export async function recipientsOf(db: Q, to: { expertId: string | null; teamId: string | null }): Promise<Recipient[]> {
  const q = db.selectFrom('users as u').select(['u.email', 'u.phone', 'u.locale']);
  if (to.expertId) return q.where('u.id', '=', to.expertId).execute();
  return q.innerJoin('team_members as tm', 'tm.user_id', 'u.id').where('tm.team_id', '=', to.teamId ?? '').execute();
}

export async function recipient(db: Q, userId: string): Promise<Recipient | undefined> {
  return db.selectFrom('users').select(['email', 'phone', 'locale']).where('id', '=', userId).executeTakeFirst();
}

export interface NewOpinion {
  id: string;
  dossierId: string;
  askedBy: string;
  expertId: string | null;
  teamId: string | null;
  question: string;
  yesNo: boolean;
  /** YYYY-MM-DD, read in the service's time zone. */
  dueDay: string;
  timeZone: string;
}

/** Writes a request; returns its due instant, the last millisecond of the due day where the service is. */
export async function insertOpinion(db: Q, o: NewOpinion): Promise<Date> {
  const row = await db
    .insertInto('dossier_opinions')
    .values({
      id: o.id,
      dossier_id: o.dossierId,
      asked_by: o.askedBy,
      expert_id: o.expertId,
      team_id: o.teamId,
      question: o.question,
      yes_no: o.yesNo,
      // The day's end rather than its start, so that a request due "today" is not late yet; one millisecond
      // before the next midnight so that the stored instant still shows as the due day.
      due_at: sql`((${o.dueDay}::date + 1)::timestamp AT TIME ZONE ${o.timeZone}) - interval '1 millisecond'`,
    })
    .returning('due_at')
    .executeTakeFirstOrThrow();
  return row.due_at;
}

/** The request, locked until the answer is written, so that two answers cannot both be accepted. */
export async function lockOpinion(db: Q, dossierId: string, opinionId: string, userId: string) {
  const { rows } = await sql<{ id: string; yesNo: boolean; answered: boolean; askedBy: string | null; mine: boolean }>`
    SELECT o.id, o.yes_no AS "yesNo", o.answered_at IS NOT NULL AS answered, o.asked_by AS "askedBy", ${addressedTo(userId)} AS mine
    FROM dossier_opinions o WHERE o.id = ${opinionId} AND o.dossier_id = ${dossierId}
    FOR UPDATE`.execute(db);
  return rows[0];
}

export async function writeAnswer(db: Q, a: { id: string; answer: string; answerYes: boolean | null; userId: string; at: Date }): Promise<void> {
  await db
    .updateTable('dossier_opinions')
    .set({ answer: a.answer, answer_yes: a.answerYes, answered_by: a.userId, answered_at: a.at })
    .where('id', '=', a.id)
    .where('answered_at', 'is', null)
    .execute();
}

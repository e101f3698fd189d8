// SQL of the back office. Every read takes a Scope (scope.ts): a dossier outside it is not found, is not
// counted and is not listed.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, DossierStage, DossierStatus } from '../../platform/db/schema.ts';
import type { Scope } from './scope.ts';
import { expertSees } from './opinions-store.ts';
import type { SortKey } from './inbox-columns.ts';

type Q = Kysely<DB>;

export const TABS = ['to_process', 'in_review', 'followed', 'closed', 'archived'] as const;
export type Tab = (typeof TABS)[number];

export interface InboxFilters {
  status?: DossierStatus;
  procedureId?: string;
  teamId?: string;
  /** Submitted on or after / before (exclusive) these instants. */
  from?: Date;
  to?: Date;
  /** A reference, part of the applicant's name, or words of the answers. */
  text?: string;
  /** One answer equal to a value. */
  answer?: { field: string; value: string };
  labelId?: string;
}

/** Where a page ended: its last row's sort key (as `sortKeyText` writes it, to the microsecond) and id. */
export interface Cursor {
  key: string;
  id: string;
}

export interface InboxQuery {
  scope: Scope;
  userId: string;
  tab: Tab;
  filters: InboxFilters;
  sort: SortKey;
  order: 'asc' | 'desc';
  after?: Cursor;
  limit: number;
  locale: string;
  /** Bring each row's answers (the agent shows some of them as columns). */
  answers?: boolean;
}

export interface InboxRow {
  id: string;
  reference: string;
  version: number;
  status: DossierStatus;
  submittedAt: Date;
  dueAt: Date | null;
  updatedAt: Date;
  /** The row's sort key, for the next page's cursor. */
  sortKey: string;
  answers: Record<string, unknown> | null;
  procedureTitle: string;
  applicantName: string | null;
  teamName: string | null;
  labels: string[];
}

const REFERENCE = /^DOS-\d{4}-[0-9A-Z]{6}$/;

/**
 * The expression each sort key orders by — written exactly as in the indexes of migrations 0004 and 0015
 * (the planner matches index expressions by their text). A dossier without a deadline sorts after every
 * dated one: the key is never null, so the cursor is a plain pair.
 */
function sortExpression(sort: SortKey): RawBuilder<unknown> {
  if (sort === 'due') return sql`coalesce(d.due_at, '9999-12-31 00:00:00+00'::timestamptz)`;
  if (sort === 'updated') return sql.ref('d.updated_at');
  return sql.ref('d.submitted_at');
}

/**
 * One page of an inbox tab, in the order of its sort key, after the cursor. The page is drawn separately
 * from each team (or administration) of the scope through its own index and the pieces merged, so the cost
 * of a page stays the same with millions of dossiers, then only the page's rows get their details. The key
 * goes out as text to the microsecond (a JavaScript date keeps milliseconds, and `updated_at` may hold more),
 * so the next page starts exactly after this one.
 */
export async function inboxPage(db: Q, q: InboxQuery): Promise<InboxRow[]> {
  if (q.scope.ids.length === 0) return [];
  const column = q.scope.by === 'team' ? sql.ref('d.team_id') : sql.ref('d.administration_id');
  const dir = q.order === 'asc' ? sql`ASC` : sql`DESC`;
  const key = sortExpression(q.sort);
  const after = q.after ? sql`AND (${key}, d.id) ${q.order === 'asc' ? sql`>` : sql`<`} (${q.after.key}::timestamptz, ${q.after.id})` : sql``;
  const { rows } = await sql<InboxRow>`
    SELECT d.id, d.reference, d.version, d.status, d.submitted_at AS "submittedAt", d.due_at AS "dueAt", d.updated_at AS "updatedAt",
      to_char(page.k AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortKey",
      ${q.answers ? sql`d.answers` : sql`NULL::jsonb`} AS answers,
      coalesce(t.title, f.title) AS "procedureTitle", u.name AS "applicantName", tm.name AS "teamName",
      ARRAY(SELECT l.name FROM dossier_labels dl JOIN labels l ON l.id = dl.label_id WHERE dl.dossier_id = d.id ORDER BY l.name) AS labels
    FROM unnest(${q.scope.ids}::text[]) AS s(scope_id)
    CROSS JOIN LATERAL (
      SELECT d.id, ${key} AS k FROM dossiers d
      WHERE ${column} = s.scope_id AND ${tabCondition(q)} ${filterConditions(q.filters)} ${after}
      ORDER BY ${key} ${dir}, d.id ${dir}
      LIMIT ${q.limit}) AS page
    JOIN dossiers d ON d.id = page.id
    JOIN procedure_texts f ON f.procedure_id = d.procedure_id AND f.locale = 'fr'
    LEFT JOIN procedure_texts t ON t.procedure_id = d.procedure_id AND t.locale = ${q.locale}
    LEFT JOIN users u ON u.id = d.applicant_id
    LEFT JOIN teams tm ON tm.id = d.team_id
    ORDER BY page.k ${dir}, page.id ${dir}
    LIMIT ${q.limit}`.execute(db);
  return rows;
}

function tabCondition(q: Pick<InboxQuery, 'tab' | 'userId'>): RawBuilder<unknown> {
  if (q.tab === 'followed') return sql`d.stage IS NOT NULL AND EXISTS (SELECT 1 FROM dossier_followers fo WHERE fo.user_id = ${q.userId} AND fo.dossier_id = d.id)`;
  return sql`d.stage = ${q.tab}`;
}

function filterConditions(f: InboxFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (f.status) parts.push(sql`d.status = ${f.status}`);
  if (f.procedureId) parts.push(sql`d.procedure_id = ${f.procedureId}`);
  if (f.teamId) parts.push(sql`d.team_id = ${f.teamId}`);
  if (f.from) parts.push(sql`d.submitted_at >= ${f.from}`);
  if (f.to) parts.push(sql`d.submitted_at < ${f.to}`);
  if (f.answer) parts.push(sql`d.answers ->> ${f.answer.field} = ${f.answer.value}`);
  if (f.labelId) parts.push(sql`EXISTS (SELECT 1 FROM dossier_labels dl WHERE dl.dossier_id = d.id AND dl.label_id = ${f.labelId})`);
  if (f.text) {
    const text = f.text.trim();
    if (REFERENCE.test(text.toUpperCase())) parts.push(sql`d.reference = ${text.toUpperCase()}`);
    else {
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      parts.push(sql`(EXISTS (SELECT 1 FROM users a WHERE a.id = d.applicant_id AND unaccent(a.name) ILIKE unaccent(${like})) OR d.answers::text ILIKE ${like})`);
    }
  }
  return parts.length === 0 ? sql`` : sql`AND ${sql.join(parts, sql` AND `)}`;
}

/** How many dossiers each tab holds, counted up to `cap` (beyond, the page says "cap+"): counting millions is not worth a slow inbox. */
export async function tabCounts(db: Q, scope: Scope, userId: string, filters: InboxFilters, cap: number): Promise<Record<Tab, number>> {
  const counts = Object.fromEntries(TABS.map((t) => [t, 0])) as Record<Tab, number>;
  if (scope.ids.length === 0) return counts;
  const column = scope.by === 'team' ? sql.ref('d.team_id') : sql.ref('d.administration_id');
  // One capped count per tab, each with its tab's own condition so that it runs on the inbox index.
  const parts = TABS.map(
    (tab) => sql`SELECT ${tab} AS tab, (SELECT count(*)::int FROM (
      SELECT 1 FROM dossiers d WHERE ${column} = ANY(${scope.ids}::text[]) AND ${tabCondition({ tab, userId })} ${filterConditions(filters)}
      LIMIT ${cap + 1}) AS c) AS n`,
  );
  const { rows } = await sql<{ tab: Tab; n: number }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  for (const r of rows) counts[r.tab] = r.n;
  return counts;
}

export interface AgentDossier {
  id: string;
  reference: string;
  status: DossierStatus;
  stage: DossierStage;
  version: number;
  procedureId: string;
  revisionId: string;
  answers: Record<string, unknown>;
  applicantName: string | null;
  applicantPhone: string | null;
  applicantEmail: string | null;
  teamId: string | null;
  teamName: string | null;
  administrationId: string | null;
  submittedAt: Date;
  dueAt: Date | null;
  decidedAt: Date | null;
  archived: boolean;
  followed: boolean;
  /** 'team': in the reader's scope; 'expert': only asked for an opinion on it (reads, answers, nothing else). */
  access: 'team' | 'expert';
}

/**
 * A filed dossier if, and only if, it is in the scope — or, when the caller admits experts, if the reader was
 * asked for an opinion on it (opinions-store.ts says until when); such a dossier comes with access 'expert'.
 */
export async function dossierInScope(db: Q, scope: Scope, id: string, userId: string, admitExpert = false): Promise<AgentDossier | undefined> {
  if (scope.ids.length === 0 && !admitExpert) return undefined;
  const column = scope.by === 'team' ? sql.ref('d.team_id') : sql.ref('d.administration_id');
  const inScope = sql`${column} = ANY(${scope.ids}::text[])`;
  const { rows } = await sql<AgentDossier>`
    SELECT d.id, d.reference, d.status, d.stage, d.version, d.procedure_id AS "procedureId", d.revision_id AS "revisionId", d.answers,
      u.name AS "applicantName", u.phone AS "applicantPhone", u.email AS "applicantEmail",
      d.team_id AS "teamId", tm.name AS "teamName", d.administration_id AS "administrationId",
      d.submitted_at AS "submittedAt", d.due_at AS "dueAt", d.decided_at AS "decidedAt", d.archived,
      EXISTS (SELECT 1 FROM dossier_followers fo WHERE fo.user_id = ${userId} AND fo.dossier_id = d.id) AS followed,
      CASE WHEN ${inScope} THEN 'team' ELSE 'expert' END AS access
    FROM dossiers d
    LEFT JOIN users u ON u.id = d.applicant_id
    LEFT JOIN teams tm ON tm.id = d.team_id
    WHERE d.id = ${id} AND d.stage IS NOT NULL AND (${inScope}${admitExpert ? sql` OR ${expertSees(userId)}` : sql``})`.execute(db);
  return rows[0];
}

export async function setFollowed(db: Q, dossierId: string, userId: string, follow: boolean): Promise<void> {
  if (follow) await db.insertInto('dossier_followers').values({ dossier_id: dossierId, user_id: userId }).onConflict((oc) => oc.doNothing()).execute();
  else await db.deleteFrom('dossier_followers').where('dossier_id', '=', dossierId).where('user_id', '=', userId).execute();
}

/** Moves a dossier to another team; refused (false) when it changed since the manager's page was drawn. */
export async function assignTeam(db: Q, dossierId: string, teamId: string, version: number): Promise<boolean> {
  const res = await db
    .updateTable('dossiers')
    .set((eb) => ({ team_id: teamId, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', dossierId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setArchived(db: Q, dossierId: string, archived: boolean, version: number): Promise<boolean> {
  const res = await db
    .updateTable('dossiers')
    .set((eb) => ({ archived, version: eb('version', '+', 1) }))
    .where('id', '=', dossierId)
    .where('version', '=', version)
    .where('status', 'in', ['accepted', 'refused', 'closed'])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function proceduresInScope(db: Q, scope: Scope, locale: string): Promise<{ id: string; title: string }[]> {
  if (scope.ids.length === 0) return [];
  const condition =
    scope.by === 'administration'
      ? sql`p.administration_id = ANY(${scope.ids}::text[])`
      : sql`(pp.default_team_id = ANY(${scope.ids}::text[]) OR EXISTS (SELECT 1 FROM routing_rules r WHERE r.procedure_id = p.id AND r.team_id = ANY(${scope.ids}::text[])))`;
  const { rows } = await sql<{ id: string; title: string }>`
    SELECT p.id, coalesce(t.title, f.title) AS title
    FROM procedures p
    LEFT JOIN procedure_processing pp ON pp.procedure_id = p.id
    JOIN procedure_texts f ON f.procedure_id = p.id AND f.locale = 'fr'
    LEFT JOIN procedure_texts t ON t.procedure_id = p.id AND t.locale = ${locale}
    WHERE ${condition}
    ORDER BY 2`.execute(db);
  return rows;
}

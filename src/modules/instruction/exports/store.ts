// SQL of exports: the dossiers of one procedure inside a scope, page by page, and the exports and column
// sets of each agent. Every read of dossiers takes a Scope (../scope.ts): what is outside is never read.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, DossierStatus, ExportFormat, ExportStatus } from '../../../platform/db/schema.ts';
import { DOSSIER_STAGES } from '../../../platform/db/schema.ts';
import { newId } from '../../../platform/db/ids.ts';
import type { FormDefinition } from '../../forms/index.ts';
import type { Scope } from '../scope.ts';
import type { ExportRow } from './values.ts';

type Q = Kysely<DB>;

/** The filters of the inbox an export may take, as stored with a queued export. */
export interface ExportFilters {
  status?: DossierStatus;
  /** Submitted on or after this day / up to and including that day (YYYY-MM-DD, the service's calendar). */
  from?: string;
  to?: string;
}

export interface ExportQuery {
  scope: Scope;
  procedureId: string;
  filters: ExportFilters;
}

export interface Cursor {
  at: Date;
  id: string;
}

/** Midnight of a YYYY-MM-DD day as the instant the inbox filters use. */
const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);

function conditions(q: ExportQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`d.procedure_id = ${q.procedureId}`];
  if (q.filters.status) parts.push(sql`d.status = ${q.filters.status}`);
  if (q.filters.from) parts.push(sql`d.submitted_at >= ${dayStart(q.filters.from)}`);
  if (q.filters.to) parts.push(sql`d.submitted_at < ${new Date(dayStart(q.filters.to).getTime() + 86_400_000)}`);
  return sql.join(parts, sql` AND `);
}

const scopeColumn = (scope: Scope) => (scope.by === 'team' ? sql.ref('d.team_id') : sql.ref('d.administration_id'));

/**
 * The next page of dossiers after the cursor, in submission order. As the inbox does, the page is drawn from
 * each scope id and each stage through the inbox indexes (scope, stage, submitted_at, id) and the pieces
 * merged, so each page costs the same at the start and at the end of a million dossiers; then only the
 * page's rows are joined to their applicant and team.
 */
export async function exportPage(db: Q, q: ExportQuery, after: Cursor | undefined, limit: number): Promise<ExportRow[]> {
  if (q.scope.ids.length === 0) return [];
  const next = after ? sql`AND (d.submitted_at, d.id) > (${after.at}, ${after.id})` : sql``;
  const { rows } = await sql<ExportRow>`
    SELECT d.id, d.reference, d.status, d.submitted_at AS "submittedAt", d.decided_at AS "decidedAt", d.due_at AS "dueAt",
      tm.name AS "teamName", u.name AS "applicantName", u.phone AS "applicantPhone", u.email AS "applicantEmail",
      -- The agents' private annotations are columns of the export too (agents only ever read exports).
      d.answers || coalesce(a.answers, '{}'::jsonb) AS answers
    FROM unnest(${q.scope.ids}::text[]) AS s(scope_id)
    CROSS JOIN unnest(${[...DOSSIER_STAGES]}::text[]) AS st(stage)
    CROSS JOIN LATERAL (
      SELECT d.id FROM dossiers d
      WHERE ${scopeColumn(q.scope)} = s.scope_id AND d.stage = st.stage AND ${conditions(q)} ${next}
      ORDER BY d.submitted_at, d.id
      LIMIT ${limit}) AS page
    JOIN dossiers d ON d.id = page.id
    LEFT JOIN users u ON u.id = d.applicant_id
    LEFT JOIN teams tm ON tm.id = d.team_id
    LEFT JOIN dossier_annotations a ON a.dossier_id = d.id
    ORDER BY d.submitted_at, d.id
    LIMIT ${limit}`.execute(db);
  return rows;
}

/** How many dossiers the export would hold, counted up to `cap + 1`: enough to choose now or later. */
export async function countUpTo(db: Q, q: ExportQuery, cap: number): Promise<number> {
  if (q.scope.ids.length === 0) return 0;
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM dossiers d
      WHERE ${scopeColumn(q.scope)} = ANY(${q.scope.ids}::text[]) AND d.stage IS NOT NULL AND ${conditions(q)}
      LIMIT ${cap + 1}) AS c`.execute(db);
  return rows[0]?.n ?? 0;
}

export async function publishedForm(db: Q, procedureId: string): Promise<FormDefinition | undefined> {
  const row = await db.selectFrom('procedure_revisions').select('definition').where('procedure_id', '=', procedureId).where('status', '=', 'published').executeTakeFirst();
  return row?.definition as FormDefinition | undefined;
}

export async function procedureSlug(db: Q, procedureId: string): Promise<string> {
  const row = await db.selectFrom('procedures').select('slug').where('id', '=', procedureId).executeTakeFirst();
  return row?.slug ?? 'demarche';
}

// ---- Exports built by the worker ----------------------------------------------------------------------------

export interface ExportRecord {
  id: string;
  userId: string;
  procedureId: string;
  procedureTitle: string;
  format: ExportFormat;
  columns: string[];
  filters: ExportFilters;
  locale: string;
  status: ExportStatus;
  fileName: string;
  blobKey: string | null;
  rowCount: number | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const recordColumns = sql`e.id, e.user_id AS "userId", e.procedure_id AS "procedureId", coalesce(t.title, f.title, p.slug) AS "procedureTitle",
  e.format, e.columns, e.filters, e.locale, e.status, e.file_name AS "fileName", e.blob_key AS "blobKey", e.row_count AS "rowCount",
  e.created_at AS "createdAt", e.finished_at AS "finishedAt"`;

export async function exportById(db: Q, id: string): Promise<ExportRecord | undefined> {
  const { rows } = await sql<ExportRecord>`
    SELECT ${recordColumns} FROM exports e JOIN procedures p ON p.id = e.procedure_id
    LEFT JOIN procedure_texts t ON t.procedure_id = e.procedure_id AND t.locale = e.locale
    LEFT JOIN procedure_texts f ON f.procedure_id = e.procedure_id AND f.locale = 'fr'
    WHERE e.id = ${id}`.execute(db);
  return rows[0];
}

export async function exportsOf(db: Q, userId: string, limit = 50): Promise<ExportRecord[]> {
  const { rows } = await sql<ExportRecord>`
    SELECT ${recordColumns} FROM exports e JOIN procedures p ON p.id = e.procedure_id
    LEFT JOIN procedure_texts t ON t.procedure_id = e.procedure_id AND t.locale = e.locale
    LEFT JOIN procedure_texts f ON f.procedure_id = e.procedure_id AND f.locale = 'fr'
    WHERE e.user_id = ${userId} ORDER BY e.created_at DESC, e.id DESC LIMIT ${limit}`.execute(db);
  return rows;
}

export async function insertExport(db: Q, e: { userId: string; procedureId: string; format: ExportFormat; columns: string[]; filters: ExportFilters; locale: string; fileName: string }): Promise<string> {
  const id = newId();
  await db
    .insertInto('exports')
    .values({ id, user_id: e.userId, procedure_id: e.procedureId, format: e.format, columns: JSON.stringify(e.columns), filters: JSON.stringify(e.filters), locale: e.locale, file_name: e.fileName })
    .execute();
  return id;
}

/** Marks a pending export done; false when another run finished it first (its file is then not ours to keep). */
export async function finishExport(db: Q, id: string, outcome: { status: 'ready'; blobKey: string; rowCount: number } | { status: 'failed'; error: string }): Promise<boolean> {
  const res = await db
    .updateTable('exports')
    .set(outcome.status === 'ready' ? { status: 'ready', blob_key: outcome.blobKey, row_count: outcome.rowCount, finished_at: new Date() } : { status: 'failed', error: outcome.error.slice(0, 500), finished_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Exports asked for before `before`, with their files: what the retention sweep deletes. */
export async function exportsOlderThan(db: Q, before: Date, limit: number): Promise<{ id: string; blobKey: string | null }[]> {
  return db.selectFrom('exports').select(['id', 'blob_key as blobKey']).where('created_at', '<', before).orderBy('created_at').limit(limit).execute();
}

export async function deleteExport(db: Q, id: string): Promise<void> {
  await db.deleteFrom('exports').where('id', '=', id).execute();
}

// ---- Saved column sets --------------------------------------------------------------------------------------

export interface ColumnSet {
  id: string;
  name: string;
  columns: string[];
}

export async function columnSets(db: Q, userId: string, procedureId: string): Promise<ColumnSet[]> {
  return db.selectFrom('export_column_sets').select(['id', 'name', 'columns']).where('user_id', '=', userId).where('procedure_id', '=', procedureId).orderBy('name').execute();
}

/** Saves a set under its name; the same name again replaces its columns. */
export async function saveColumnSet(db: Q, s: { userId: string; procedureId: string; name: string; columns: string[] }): Promise<string> {
  const row = await db
    .insertInto('export_column_sets')
    .values({ id: newId(), user_id: s.userId, procedure_id: s.procedureId, name: s.name, columns: JSON.stringify(s.columns) })
    .onConflict((oc) => oc.columns(['user_id', 'procedure_id', 'name']).doUpdateSet({ columns: JSON.stringify(s.columns) }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function countColumnSets(db: Q, userId: string, procedureId: string): Promise<number> {
  const row = await db.selectFrom('export_column_sets').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('procedure_id', '=', procedureId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Deletes one of the agent's own sets; another agent's id deletes nothing. */
export async function deleteColumnSet(db: Q, userId: string, id: string): Promise<{ procedureId: string } | undefined> {
  return db.deleteFrom('export_column_sets').where('id', '=', id).where('user_id', '=', userId).returning('procedure_id as procedureId').executeTakeFirst();
}

// The figures of the statistics page, per procedure, over the dossiers of a scope filed in the last twelve
// months (whole months, in the service's time zone): how many in each state and each month, how long the
// decided ones took against the legal delay, and how many were decided within their deadline. Like every
// back-office read, it takes a Scope and counts nothing outside it.
import { sql, type Kysely } from 'kysely';
import type { DB, DossierStatus } from '../../platform/db/schema.ts';
import type { Scope } from './scope.ts';

export const STATS_MONTHS = 12;

export interface ProcedureStats {
  procedureId: string;
  title: string;
  /** The procedure's legal delay today (procedure_processing, else the fiche's delay). */
  legalDelayDays: number | null;
  total: number;
  decided: number;
  /** Submission to decision, in days, over the decided dossiers; null when none is decided. */
  medianDays: number | null;
  p90Days: number | null;
  /** Decided dossiers that had a deadline, and those of them decided on or before it. */
  withDeadline: number;
  withinDelay: number;
  byStatus: Partial<Record<DossierStatus, number>>;
  /** Dossiers filed per month, keyed 'YYYY-MM'. */
  byMonth: Record<string, number>;
}

export interface StatsQuery {
  scope: Scope;
  procedureId?: string;
  now: Date;
  timeZone: string;
  locale: string;
}

/** The months of the period, oldest first, as 'YYYY-MM' in the time zone: the current one and the 11 before. */
export function statsMonths(now: Date, timeZone: string): string[] {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number) as [number, number];
  return Array.from({ length: STATS_MONTHS }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - (STATS_MONTHS - 1 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

export async function procedureStats(db: Kysely<DB>, q: StatsQuery): Promise<ProcedureStats[]> {
  if (q.scope.ids.length === 0) return [];
  const column = q.scope.by === 'team' ? sql.ref('d.team_id') : sql.ref('d.administration_id');
  const first = `${statsMonths(q.now, q.timeZone)[0]}-01`;
  // The period's dossiers, filtered as the inbox filters them: by the scope's column, on the inbox index.
  const filed = sql`
    SELECT d.procedure_id, d.status, d.submitted_at, d.decided_at, d.due_at,
      to_char(d.submitted_at AT TIME ZONE ${q.timeZone}, 'YYYY-MM') AS month
    FROM dossiers d
    WHERE d.stage IS NOT NULL AND ${column} = ANY(${q.scope.ids}::text[])
      AND d.submitted_at >= (${first}::timestamp AT TIME ZONE ${q.timeZone})
      ${q.procedureId ? sql`AND d.procedure_id = ${q.procedureId}` : sql``}`;
  const days = sql`extract(epoch FROM f.decided_at - f.submitted_at)::float8 / 86400`;
  const [summary, counts] = await Promise.all([
    sql<Omit<ProcedureStats, 'byStatus' | 'byMonth'>>`
      WITH f AS (${filed})
      SELECT f.procedure_id AS "procedureId", coalesce(t.title, fr.title, p.slug) AS title,
        coalesce(pp.legal_delay_days, p.delay_days) AS "legalDelayDays",
        count(*)::int AS total, count(f.decided_at)::int AS decided,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days}) AS "medianDays",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY ${days}) AS "p90Days",
        count(*) FILTER (WHERE f.decided_at IS NOT NULL AND f.due_at IS NOT NULL)::int AS "withDeadline",
        count(*) FILTER (WHERE f.decided_at <= f.due_at)::int AS "withinDelay"
      FROM f
      JOIN procedures p ON p.id = f.procedure_id
      LEFT JOIN procedure_processing pp ON pp.procedure_id = f.procedure_id
      LEFT JOIN procedure_texts fr ON fr.procedure_id = f.procedure_id AND fr.locale = 'fr'
      LEFT JOIN procedure_texts t ON t.procedure_id = f.procedure_id AND t.locale = ${q.locale}
      GROUP BY f.procedure_id, t.title, fr.title, p.slug, pp.legal_delay_days, p.delay_days
      ORDER BY 2`.execute(db),
    // Both breakdowns from one pass: a grouping set per breakdown, the other column left null.
    sql<{ procedureId: string; status: DossierStatus | null; month: string | null; n: number }>`
      WITH f AS (${filed})
      SELECT f.procedure_id AS "procedureId", f.status, f.month, count(*)::int AS n
      FROM f
      GROUP BY GROUPING SETS ((f.procedure_id, f.status), (f.procedure_id, f.month))`.execute(db),
  ]);
  return summary.rows.map((s) => {
    const mine = counts.rows.filter((c) => c.procedureId === s.procedureId);
    return {
      ...s,
      byStatus: Object.fromEntries(mine.filter((c) => c.status !== null).map((c) => [c.status, c.n])),
      byMonth: Object.fromEntries(mine.filter((c) => c.month !== null).map((c) => [c.month, c.n])),
    };
  });
}

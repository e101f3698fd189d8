// Dossier submissions per second, on PostgreSQL: one applicant fills the criminal record request through the
// pages (bench/applicant.ts), the bench copies that draft many times straight in the database, then
// autocannon submits a different draft with a fresh one-time key on every request.
//
// The request asks a fee (decision 0017): as shipped, « Déposer » checks the answers, draws the reference and
// holds the dossier for its payment. `publishWithoutFee` publishes the same form without its fee in the bench's
// database, so that the next run measures the filing itself (team, deadline, event, receipt queued): the hot
// path the budget of 500 submissions/s is about.
import autocannon from 'autocannon';
import pg from 'pg';
import { newId } from '../src/platform/db/ids.ts';
import { applicantWithDraft, CASIER } from './applicant.ts';

const WARM_UP_SECONDS = 2;

export interface SubmissionMeasure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Dossiers the measured run filed (status 'submitted'). */
  filed: number;
  /** Dossiers the measured run held for their fee (reference drawn, still a draft, a payment due). */
  held: number;
  /** filed + held: the submissions the database shows, to compare with what the client counted. */
  submitted: number;
}

export async function benchSubmissions(
  base: string,
  databaseUrl: string,
  seconds: number,
  connections: number,
  /** Called right before the load starts (after the drafts are prepared): bench/profile.ts reads CPU times there. */
  onLoad?: () => void,
): Promise<SubmissionMeasure> {
  const { browser: b, draft } = await applicantWithDraft(base, true);

  // Enough copies of the draft for the warm-up and the whole run at well above the target rate.
  const copies = Math.max(20_000, (WARM_UP_SECONDS + seconds) * 3000);
  const ids = Array.from({ length: copies }, () => newId());
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO dossiers (id, procedure_id, revision_id, applicant_id, answers)
       SELECT i, procedure_id, revision_id, applicant_id, answers FROM dossiers, unnest($1::text[]) AS i WHERE id = $2`,
      [ids, draft],
    );
    let next = 0;
    const outcome = async () => {
      const { rows } = await client.query(
        `SELECT count(*) FILTER (WHERE status = 'submitted')::int AS filed, count(*) FILTER (WHERE status = 'draft')::int AS held
         FROM dossiers WHERE reference IS NOT NULL AND applicant_id = (SELECT applicant_id FROM dossiers WHERE id = $1)`,
        [draft],
      );
      return rows[0] as { filed: number; held: number };
    };
    const run = (duration: number) =>
      autocannon({
        url: base,
        connections,
        duration,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const id = ids[next++ % ids.length]!;
              return {
                ...req,
                path: `/dossiers/${id}/depot`,
                headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
                body: new URLSearchParams({ _csrf: b.csrf, cle: `bench${id}` }).toString(),
              };
            },
          },
        ],
      });
    // As for the pages, a short warm-up first, so that JIT compilation and the first planning of each statement
    // on each connection are not measured.
    await run(WARM_UP_SECONDS);
    const before = await outcome();
    onLoad?.();
    const result = await run(seconds);
    const after = await outcome();
    const filed = after.filed - before.filed;
    const held = after.held - before.held;
    // A submission answers with a redirect (to its receipt, or to the payment page): 303 is success here.
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx - result['3xx'], filed, held, submitted: filed + held };
  } finally {
    await client.end();
  }
}

/**
 * Publishes the request's form again without its fee, as a new revision (the one read so far stays cached in
 * the server, frozen; drafts started from now on pin the new one). Only ever on the bench's own database.
 */
export async function publishWithoutFee(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `UPDATE procedure_revisions r SET status = 'superseded'
       FROM procedures p WHERE p.id = r.procedure_id AND p.slug = $1 AND r.status = 'published'
       RETURNING r.procedure_id, r.number, r.definition`,
      [CASIER],
    );
    for (const row of rows) {
      await client.query(
        `INSERT INTO procedure_revisions (id, procedure_id, number, status, definition, published_at)
         VALUES ($1, $2, (SELECT max(number) + 1 FROM procedure_revisions WHERE procedure_id = $2), 'published', $3::jsonb - 'fee', now())`,
        [newId(), row.procedure_id, JSON.stringify(row.definition)],
      );
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    await client.end();
  }
}

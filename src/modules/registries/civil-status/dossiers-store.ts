// The civil-status procedures' dossiers as the register reads them: one query, no scope (the service checks
// that the reader is an officer of the dossier's commune before showing or changing anything).
import { sql, type Kysely } from 'kysely';
import type { DB, DossierStatus } from '../../../platform/db/schema.ts';
import { DECLARATION_SLUG, EXTRACT_SLUG } from './declaration.ts';

export interface CivilDossierRow {
  id: string;
  reference: string;
  status: DossierStatus;
  version: number;
  answers: Record<string, unknown>;
  submittedAt: Date;
  slug: typeof DECLARATION_SLUG | typeof EXTRACT_SLUG;
  applicantName: string | null;
}

export async function civilDossierRow(db: Kysely<DB>, id: string, country: string): Promise<CivilDossierRow | undefined> {
  const { rows } = await sql<CivilDossierRow>`
    SELECT d.id, d.reference, d.status, d.version, d.answers, d.submitted_at AS "submittedAt", p.slug, u.name AS "applicantName"
    FROM dossiers d
    JOIN procedures p ON p.id = d.procedure_id
    LEFT JOIN users u ON u.id = d.applicant_id
    WHERE d.id = ${id} AND d.status <> 'draft' AND p.country = ${country} AND p.slug IN (${DECLARATION_SLUG}, ${EXTRACT_SLUG})`.execute(db);
  return rows[0];
}

// The weight of the back office's two busiest pages, as an agent's browser receives them: the inbox with a full
// page of dossiers and a dossier's page, brotli-compressed, with their stylesheet and any script they load
// (budget: 60 KB). Measured in this process on a throwaway instance (the test helpers sign the agent in
// without the second factor's round trip); sizes do not depend on load, so the bench's servers are not needed.
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { sql } from 'kysely';
import { startTestApp } from '../test/support/app.ts';
import { fileCasier, withoutFee } from '../test/support/applicant.ts';
import { administrationsOf, makeTeam, processProcedure, signedInStaff } from '../test/support/backoffice.ts';
import type { Visitor } from '../test/support/browser-session.ts';

export interface PageWeight {
  name: string;
  path: string;
  html: number;
  br: number;
  /** Stylesheets and scripts the page loads, compressed. */
  assets: number;
  total: number;
}

/** An inbox page holds 50 dossiers: the bench fills it. */
const INBOX_ROWS = 50;

export async function backOfficeWeights(): Promise<PageWeight[]> {
  const t = await startTestApp({ seed: true });
  try {
    // Filed at once, without the payment step: the dossier page is the same either way.
    await withoutFee(t, 'extrait-casier-judiciaire');
    const { procedureId, own } = await administrationsOf(t, 'extrait-casier-judiciaire');
    const team = await makeTeam(t, own, 'Greffe (bench)');
    await processProcedure(t, procedureId, { defaultTeamId: team, legalDelayDays: 15 });
    const { id } = await fileCasier(t);
    await sql`
      INSERT INTO dossiers (id, reference, procedure_id, revision_id, applicant_id, status, answers, submitted_at,
        created_at, updated_at, team_id, administration_id, due_at)
      SELECT 'BENCH' || lpad(n::text, 21, '0'), 'DOS-2026-B' || lpad(n::text, 5, '0'), procedure_id, revision_id,
        applicant_id, status, answers, submitted_at, created_at, updated_at, team_id, administration_id, due_at
      FROM dossiers, generate_series(1, ${INBOX_ROWS - 1}::int) AS n WHERE id = ${id}`.execute(t.ctx.db);
    const { v } = await signedInStaff(t, { role: 'agent', administrationId: own, teamIds: [team] });
    return [await weigh(v, 'inbox, 50 dossiers', '/agent'), await weigh(v, 'dossier page', `/agent/dossiers/${id}`)];
  } finally {
    await t.close();
  }
}

async function weigh(v: Visitor, name: string, path: string): Promise<PageWeight> {
  const res = await v.get(path, { 'accept-encoding': 'br' });
  if (res.statusCode !== 200 || res.headers['content-encoding'] !== 'br') throw new Error(`${path} answered ${res.statusCode} (${res.headers['content-encoding'] ?? 'uncompressed'})`);
  const html = brotliDecompressSync(res.rawPayload).toString();
  const assets = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"|<script[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  let assetBytes = 0;
  for (const href of new Set(assets)) {
    const a = await v.get(href, { 'accept-encoding': 'br' });
    // Served precompressed or compressed on the fly; counted as the browser receives it either way.
    assetBytes += a.headers['content-encoding'] === 'br' ? a.rawPayload.length : brotliCompressSync(a.rawPayload).length;
  }
  const br = res.rawPayload.length;
  return { name, path, html: Buffer.byteLength(html), br, assets: assetBytes, total: br + assetBytes };
}

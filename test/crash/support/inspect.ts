// What the server kept, read straight from the database and the blob store (never through the server under
// test, whose answers are what is being checked).
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';

export interface KeptDossier {
  id: string;
  status: string;
  reference: string | null;
  submitKey: string | null;
  /** Timeline events of kind 'submitted'. */
  submittedEvents: number;
  /** Receipts queued for it (notifications naming its reference). */
  receipts: { id: string; status: string; recipient: string }[];
  /** Files answering a field: SHA-256 recorded in the database, and SHA-256 of the blob actually stored. */
  files: { field: string; recorded: string; stored: string | null }[];
}

/** Every dossier of the applicant with this e-mail, with its files and receipts. */
export async function dossiersOf(sql: pg.Pool, dataDir: string, email: string): Promise<KeptDossier[]> {
  const { rows } = await sql.query<{ id: string; status: string; reference: string | null; submit_key: string | null; events: number }>(
    `SELECT d.id, d.status, d.reference, d.submit_key,
       (SELECT count(*) FROM dossier_events e WHERE e.dossier_id = d.id AND e.kind = 'submitted')::int AS events
     FROM dossiers d JOIN users u ON u.id = d.applicant_id WHERE u.email = $1 ORDER BY d.created_at`,
    [email],
  );
  const kept: KeptDossier[] = [];
  for (const row of rows) {
    const files = await sql.query<{ field: string; sha256: string; blob_key: string }>(
      `SELECT field, sha256, blob_key FROM dossier_attachments WHERE dossier_id = $1 AND field IS NOT NULL ORDER BY field`,
      [row.id],
    );
    const receipts = row.reference
      ? (await sql.query<{ id: string; status: string; recipient: string }>(`SELECT id, status, recipient FROM notifications WHERE body LIKE $1`, [`%${row.reference}%`])).rows
      : [];
    kept.push({
      id: row.id,
      status: row.status,
      reference: row.reference,
      submitKey: row.submit_key,
      submittedEvents: row.events,
      receipts,
      files: await Promise.all(files.rows.map(async (f) => ({ field: f.field, recorded: f.sha256, stored: await storedSha256(dataDir, f.blob_key) }))),
    });
  }
  return kept;
}

/** SHA-256 of a blob in the local store (DATA_DIR/files/<first two characters>/<key>), or null when missing. */
export async function storedSha256(dataDir: string, key: string): Promise<string | null> {
  try {
    return createHash('sha256').update(await readFile(join(dataDir, 'files', key.slice(0, 2), key))).digest('hex');
  } catch {
    return null;
  }
}

/** Files in the blob store that no row refers to, and half-written ones (`.tmp`) left by a kill. */
export async function strayBlobs(sql: pg.Pool, dataDir: string): Promise<{ unreferenced: number; partial: number; total: number }> {
  const root = join(dataDir, 'files');
  const names: string[] = [];
  for (const dir of await readdir(root).catch(() => [] as string[])) {
    for (const name of await readdir(join(root, dir))) names.push(name);
  }
  // Every table with a `blob_key` column refers to the store (attachments, documents, exports, audio…).
  const tables = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE column_name = 'blob_key' AND table_schema = current_schema()`,
  );
  const referenced = new Set<string>();
  for (const { table_name } of tables.rows) {
    const { rows } = await sql.query<{ blob_key: string }>(`SELECT blob_key FROM "${table_name}" WHERE blob_key IS NOT NULL`);
    for (const r of rows) referenced.add(r.blob_key);
  }
  const partial = names.filter((n) => n.endsWith('.tmp')).length;
  const unreferenced = names.filter((n) => !n.endsWith('.tmp') && !referenced.has(n)).length;
  return { unreferenced, partial, total: names.length };
}

// Builds an export: reads the dossiers page after page (keyset on submission time and id) and writes each
// page to the file as it comes, while whoever takes the file (the blob store, or a buffer for a small
// export) reads it. Only one page of dossiers and the writer's buffers are in memory at a time.
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB, ExportFormat } from '../../../platform/db/schema.ts';
import type { Column } from './columns.ts';
import { exportPage, type Cursor, type ExportQuery } from './store.ts';
import { cellOf, type CellContext } from './values.ts';
import { sheetWriter, type SheetWriter } from './writer.ts';

export interface BuildInput {
  query: ExportQuery;
  columns: Column[];
  format: ExportFormat;
  cells: CellContext;
  sheetName: string;
  pageSize: number;
}

/** Writes the export; returns how many dossiers it holds. `stopped` tells that the reader gave up. */
async function writeAll(db: Kysely<DB>, input: BuildInput, writer: SheetWriter, stopped: () => unknown): Promise<number> {
  await writer.header(input.columns.map((c) => c.label));
  let after: Cursor | undefined;
  let count = 0;
  for (;;) {
    if (stopped()) throw stopped();
    const page = await exportPage(db, input.query, after, input.pageSize);
    if (page.length > 0) await writer.rows(page.map((row) => input.columns.map((c) => cellOf(c, row, input.cells))));
    count += page.length;
    const last = page.at(-1);
    if (!last || page.length < input.pageSize) break;
    after = { at: last.submittedAt, id: last.id };
  }
  if (stopped()) throw stopped();
  await writer.end();
  return count;
}

/**
 * Builds the file and gives its bytes to `take` as they are produced. If either side fails, the other is
 * stopped and the first error thrown: a failed store never leaves the builder waiting, and a failed build
 * ends the stream with an error, so the blob store keeps nothing.
 */
export async function buildExport<T>(db: Kysely<DB>, input: BuildInput, take: (file: Readable) => Promise<T>): Promise<{ rows: number; taken: T }> {
  const writer = sheetWriter(input.format, input.cells.i18n.locale, input.sheetName);
  let failure: unknown;
  const taking = take(writer.output).catch((err: unknown) => {
    failure ??= err;
    writer.output.destroy(err instanceof Error ? err : new Error(String(err)));
    return undefined;
  });
  let rows: number;
  try {
    rows = await writeAll(db, input, writer, () => failure);
  } catch (err) {
    failure ??= err;
    writer.output.destroy(err instanceof Error ? err : new Error(String(err)));
    await taking;
    throw failure;
  }
  const taken = await taking;
  if (failure) throw failure;
  return { rows, taken: taken as T };
}

/** Reads a whole stream into memory: for small exports only (up to exportSettings.syncMax dossiers). */
export async function collect(file: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

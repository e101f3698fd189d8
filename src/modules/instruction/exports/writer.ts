// One interface over the two file formats, so the builder reads pages of dossiers the same way for both.
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import type { ExportFormat } from '../../../platform/db/schema.ts';
import { CSV_BOM, csvLine } from './csv.ts';
import type { Cell } from './values.ts';
import { xlsxWriter } from './xlsx.ts';

export interface SheetWriter {
  /** The file's bytes as they are produced; whoever stores or sends the file reads it while rows are added. */
  output: Readable;
  header(labels: string[]): Promise<void>;
  rows(rows: Cell[][]): Promise<void>;
  /** Finishes the file and ends `output`. */
  end(): Promise<void>;
}

export const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function sheetWriter(format: ExportFormat, locale: string, sheetName: string): SheetWriter {
  return format === 'xlsx' ? xlsxWriter(sheetName) : csvWriter(locale);
}

function csvWriter(locale: string): SheetWriter {
  const output = new PassThrough();
  const write = async (text: string) => {
    if (!output.write(text, 'utf8')) await once(output, 'drain');
  };
  return {
    output,
    header: (labels) => write(CSV_BOM + csvLine(labels, locale)),
    rows: (rows) => write(rows.map((cells) => csvLine(cells, locale)).join('')),
    async end() {
      output.end();
    },
  };
}

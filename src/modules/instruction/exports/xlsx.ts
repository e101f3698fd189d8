// XLSX through ExcelJS's streaming writer: each row is committed to the zip as soon as it is written, so a
// export of a million dossiers never sits whole in memory. Answers are written as text cells, which a
// spreadsheet never evaluates (unlike CSV, no formula can be smuggled in), numbers as numbers, and moments
// as real dates with a French format, so agents can sort and filter them.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from './values.ts';
import type { SheetWriter } from './writer.ts';

const DATE = 'dd/mm/yyyy';
const DATE_TIME = 'dd/mm/yyyy hh:mm';

export function xlsxWriter(sheetName: string): SheetWriter {
  const output = new PassThrough();
  // Styles are needed for the date formats and the bold header; shared strings would keep every distinct
  // text in memory until the end, which is what streaming avoids.
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  return {
    output,
    async header(labels) {
      const row = sheet.addRow(labels);
      row.font = { bold: true };
      row.commit();
    },
    async rows(rows) {
      for (const cells of rows) {
        const row = sheet.addRow(cells.map(value));
        cells.forEach((c, i) => {
          if (c !== null && typeof c === 'object') row.getCell(i + 1).numFmt = c.time ? DATE_TIME : DATE;
        });
        row.commit();
      }
      // Let the reader of `output` catch up before the next page is added.
      if (output.writableNeedDrain) await once(output, 'drain');
    },
    async end() {
      sheet.commit();
      await book.commit();
    },
  };
}

/** A WallClock's local time was stored as UTC, which is how ExcelJS turns a Date into a spreadsheet date. */
const value = (c: Cell) => (c !== null && typeof c === 'object' ? c.at : c);

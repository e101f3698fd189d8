// CSV as the agents' spreadsheets read it. Administrations here open CSV files with Excel in French (or
// LibreOffice), so:
// - UTF-8 with a byte order mark: without it Excel reads the file as Windows-1252 and "Aïcha" comes out
//   as "AÃ¯cha";
// - `;` between fields: French Excel takes `,` for the decimal separator, and splits on `;` alone;
// - fields quoted as RFC 4180 says (a `"` doubled inside quotes), so a `;`, a quote or a line break typed by
//   an applicant stays inside its cell; lines end with CRLF.
import { cellText, type Cell } from './values.ts';

export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

/**
 * Answers are typed by the public. A cell that starts with = + - or @ is taken for a formula by Excel and
 * LibreOffice when the file is opened ("CSV injection"): `=HYPERLINK("http://…", "Cliquez")` would give
 * the agent a live link, `=cmd|…` could even start a program on old versions. A leading apostrophe makes the
 * spreadsheet show the text as it is. Tab and carriage return are included because some spreadsheets skip
 * them before looking for the `=`.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One line of the file. Numbers are ours (amounts, counts), never the applicant's text, so they are
 * written as numbers with the reader's decimal separator and are not neutralised: a negative amount stays
 * a number. Dates are written as French readers type them, which Excel recognises as dates.
 */
export function csvLine(cells: Cell[], locale: string): string {
  return `${cells.map((c) => (typeof c === 'number' ? cellText(c, locale) : csvField(cellText(c, locale)))).join(CSV_SEPARATOR)}\r\n`;
}

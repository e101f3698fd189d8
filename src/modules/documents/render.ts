// Renders a document to an A4 PDF with pdf-lib: the administration's header, title, reference, holder, lines,
// date and place, signatory, and at the foot of the last page the QR code with its code printed under it.
// Plain black on white, standard fonts (nothing embedded), thick enough to survive a low-end printer.
// The canonical content the code's hash covers is attached to the PDF as guichet-document.json, so an
// offline verifier holding the PDF can check it (docs/verification.md).
import { PDFDocument, PDFDict, PDFName, PDFString, StandardFonts, rgb, degrees, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { deflateSync } from 'node:zlib';
import type { DocumentContent, DocumentLine } from './types.ts';
import { groupCode } from './code.ts';

export const ATTACHMENT_NAME = 'guichet-document.json';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const FOOTER = 150; // room kept at the foot of the last page for the seal block
const QR_SIZE = 85; // 3 cm
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

const COUNTRY_HEADERS: Record<string, { name: string; motto: string }> = {
  ne: { name: 'RÉPUBLIQUE DU NIGER', motto: 'Fraternité – Travail – Progrès' },
  sn: { name: 'RÉPUBLIQUE DU SÉNÉGAL', motto: 'Un Peuple – Un But – Une Foi' },
  ci: { name: "RÉPUBLIQUE DE CÔTE D'IVOIRE", motto: 'Union – Discipline – Travail' },
};

export interface RenderInput {
  content: DocumentContent;
  administration: { name: string; country: string };
  reference: string;
  issuedAt: Date;
  timeZone: string;
  /** References written in the PDF's Keywords as plain text (the document's, its dossier's), for archive search. */
  keywords: string[];
  /** The sealed code; null renders a preview, without seal and marked as having no value. */
  seal: { code: string; qrText: string; verifyUrl: string; canonical: Buffer } | null;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  mono: PDFFont;
}

export async function renderPdf(input: RenderInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    italic: await pdf.embedFont(StandardFonts.HelveticaOblique),
    mono: await pdf.embedFont(StandardFonts.Courier),
  };
  const clean = sanitizer(fonts.regular);
  const { content } = input;
  pdf.setTitle(clean(`${content.title} – ${input.reference}`));
  pdf.setAuthor(clean(input.administration.name));
  pdf.setProducer('Guichet');
  pdf.setCreator('Guichet');
  pdf.setCreationDate(input.issuedAt);
  pdf.setModificationDate(input.issuedAt);
  setKeywords(pdf, input.keywords);
  // The code in the document information too, so a verifier holding the file needs nothing typed.
  if (input.seal) pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict).set(PDFName.of('GuichetCode'), PDFString.of(input.seal.code));

  const w = new Writer(pdf, fonts, clean, input);
  w.header();
  w.title();
  for (const line of content.lines) w.line(line);
  w.closing();
  w.finish();
  if (input.seal) {
    await pdf.attach(input.seal.canonical, ATTACHMENT_NAME, {
      mimeType: 'application/json',
      description: 'Contenu scellé du document (docs/verification.md)',
      creationDate: input.issuedAt,
      modificationDate: input.issuedAt,
    });
  }
  return pdf.save({ useObjectStreams: false });
}

/**
 * Keywords as a literal string: pdf-lib's setKeywords writes hexadecimal, which a search of the archive's
 * files (grep, an indexer reading raw bytes) would not find. References are ASCII, so literal is exact.
 */
function setKeywords(pdf: PDFDocument, keywords: string[]) {
  const ascii = keywords.filter((k) => /^[\x20-\x7e]+$/.test(k) && !/[()\\]/.test(k));
  if (ascii.length === 0) return;
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('Keywords'), PDFString.of(ascii.join(' ')));
}

/** Lays text out top to bottom, page after page. */
class Writer {
  private page!: PDFPage;
  private y = 0;
  private readonly pages: PDFPage[] = [];
  private readonly width = A4.width - 2 * MARGIN;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly f: Fonts,
    private readonly clean: (s: string) => string,
    private readonly input: RenderInput,
  ) {
    this.newPage();
  }

  private newPage() {
    this.page = this.pdf.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = A4.height - MARGIN;
    if (!this.input.seal) this.watermark();
  }

  /** Makes room for `height` points, starting a new page when this one is full. */
  private need(height: number) {
    if (this.y - height < MARGIN + 30) this.newPage();
  }

  private text(s: string, x: number, size: number, font: PDFFont, color = BLACK) {
    this.page.drawText(s, { x, y: this.y, size, font, color });
  }

  /** Writes a paragraph wrapped to the given width; `align` centers each line. */
  private para(raw: string, size: number, font: PDFFont, opts: { indent?: number; align?: 'center' | 'right'; gap?: number } = {}) {
    const indent = opts.indent ?? 0;
    for (const line of wrap(this.clean(raw), font, size, this.width - indent)) {
      this.need(size * 1.35);
      this.y -= size * 1.35;
      const lineWidth = font.widthOfTextAtSize(line, size);
      const x = opts.align === 'center' ? MARGIN + (this.width - lineWidth) / 2 : opts.align === 'right' ? MARGIN + this.width - lineWidth : MARGIN + indent;
      this.text(line, x, size, font);
    }
    this.y -= opts.gap ?? 0;
  }

  header() {
    const country = COUNTRY_HEADERS[this.input.administration.country] ?? { name: this.input.administration.country.toUpperCase(), motto: '' };
    this.para(country.name, 11, this.f.bold, { align: 'center' });
    if (country.motto) this.para(country.motto, 9, this.f.italic, { align: 'center' });
    this.y -= 6;
    this.para(this.input.administration.name, 11, this.f.bold, { align: 'center', gap: 8 });
    this.rule();
  }

  title() {
    this.y -= 16;
    this.para(this.input.content.title.toUpperCase(), 16, this.f.bold, { align: 'center', gap: 6 });
    this.para(`Référence : ${this.input.reference}`, 10, this.f.regular, { align: 'center', gap: 14 });
    const { holder } = this.input.content;
    this.labelValue('Délivré à', holder.name);
    if (holder.birthDate) this.labelValue('Né(e) le', frenchDate(holder.birthDate, 'UTC'));
    this.y -= 8;
  }

  line(line: DocumentLine) {
    if ('heading' in line) {
      this.need(40);
      this.y -= 8;
      this.para(line.heading, 12, this.f.bold, { gap: 4 });
    } else if ('paragraph' in line) {
      this.para(line.paragraph, 10.5, this.f.regular, { gap: 6 });
    } else if ('label' in line) {
      this.labelValue(line.label, line.value);
    } else {
      this.table(line.table.head, line.table.rows);
    }
  }

  private labelValue(label: string, value: string) {
    const size = 10.5;
    const labelText = `${this.clean(label)} :`;
    const labelWidth = Math.min(170, this.f.bold.widthOfTextAtSize(labelText, size) + 8);
    const valueLines = wrap(this.clean(value || '—'), this.f.regular, size, this.width - labelWidth);
    // A hair of slack: a label measured to fit its own width must not wrap on rounding.
    const labelLines = wrap(labelText, this.f.bold, size, labelWidth - 7.5);
    const rows = Math.max(valueLines.length, labelLines.length);
    for (let i = 0; i < rows; i++) {
      this.need(size * 1.4);
      this.y -= size * 1.4;
      if (labelLines[i]) this.text(labelLines[i]!, MARGIN, size, this.f.bold);
      if (valueLines[i]) this.text(valueLines[i]!, MARGIN + labelWidth, size, this.f.regular);
    }
    this.y -= 2;
  }

  private table(head: string[], rows: string[][]) {
    const size = 9;
    const columns = Math.max(1, head.length, ...rows.map((r) => r.length));
    const colWidth = this.width / columns;
    const drawRow = (cells: string[], font: PDFFont) => {
      const wrapped = Array.from({ length: columns }, (_, i) => wrap(this.clean(cells[i] ?? ''), font, size, colWidth - 6));
      const height = Math.max(1, ...wrapped.map((c) => c.length)) * size * 1.3 + 4;
      this.need(height);
      const top = this.y;
      wrapped.forEach((cellLines, i) => {
        cellLines.forEach((l, n) => {
          this.page.drawText(l, { x: MARGIN + i * colWidth + 3, y: top - (n + 1) * size * 1.3, size, font, color: BLACK });
        });
      });
      this.y = top - height;
      this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + this.width, y: this.y }, thickness: 0.6, color: GREY });
    };
    this.y -= 4;
    if (head.length > 0) drawRow(head, this.f.bold);
    for (const row of rows) drawRow(row, this.f.regular);
    this.y -= 8;
  }

  closing() {
    this.need(90);
    this.y -= 18;
    const date = frenchDate(this.input.issuedAt.toISOString(), this.input.timeZone);
    this.para(`Fait à ${this.input.content.place}, le ${date}`, 10.5, this.f.regular, { align: 'right', gap: 10 });
    this.para(this.input.content.signatory, 10.5, this.f.bold, { align: 'right' });
  }

  finish() {
    if (this.y - FOOTER < MARGIN) this.newPage();
    if (this.input.seal) this.sealBlock(this.input.seal);
    else {
      this.y = MARGIN + FOOTER - 20;
      this.para('APERÇU — document non scellé, sans valeur.', 11, this.f.bold, { align: 'center' });
    }
    const total = this.pages.length;
    this.pages.forEach((page, i) => {
      const footer = this.clean(`${this.input.reference} — page ${i + 1}/${total}`);
      page.drawText(footer, { x: MARGIN, y: MARGIN - 24, size: 8, font: this.f.regular, color: GREY });
    });
  }

  private rule() {
    this.y -= 4;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + this.width, y: this.y }, thickness: 1, color: BLACK });
  }

  /** The QR code (3 cm, drawn as vector squares: sharp at any printer resolution) and the printed code. */
  private sealBlock(seal: NonNullable<RenderInput['seal']>) {
    const bottom = MARGIN;
    const left = MARGIN;
    this.page.node.addContentStream(this.pdf.context.register(qrStream(this.pdf, seal.qrText, left, bottom)));
    const textLeft = left + QR_SIZE + 14;
    const textWidth = MARGIN + this.width - textLeft;
    let y = bottom + QR_SIZE + 4;
    const say = (s: string, size: number, font: PDFFont) => {
      for (const l of wrap(this.clean(s), font, size, textWidth)) {
        y -= size * 1.3;
        this.page.drawText(l, { x: textLeft, y, size, font, color: BLACK });
      }
    };
    say('Document scellé électroniquement', 9, this.f.bold);
    say(`Vérifiez-le sur ${seal.verifyUrl} : scannez le code QR ou saisissez le code ci-dessous.`, 8, this.f.regular);
    y -= 3;
    const grouped = groupCode(seal.code);
    const mono = 8; // Courier 8 pt: every character apart, even from a worn printer
    const perLine = Math.floor(textWidth / this.f.mono.widthOfTextAtSize('00000 ', mono)) * 6;
    for (let i = 0; i < grouped.length; i += perLine) {
      y -= mono * 1.3;
      this.page.drawText(grouped.slice(i, i + perLine).trim(), { x: textLeft, y, size: mono, font: this.f.mono, color: BLACK });
    }
  }

  private watermark() {
    this.page.drawText('APERÇU — SANS VALEUR', {
      x: 110,
      y: 250,
      size: 48,
      font: this.f.bold,
      color: rgb(0.82, 0.82, 0.82),
      rotate: degrees(45),
    });
  }
}

/**
 * The QR code as one content stream of filled rectangles, a run of dark modules per rectangle, in the
 * module grid scaled to 3 cm: vector, so as sharp as the printer allows. Written by hand and compressed by
 * node:zlib: the same drawing through pdf-lib's drawRectangle took 140 ms a document, mostly in its
 * pure-JavaScript deflate.
 */
function qrStream(pdf: PDFDocument, text: string, left: number, bottom: number) {
  const qr = QRCode.create([{ data: text, mode: 'alphanumeric' }], { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = QR_SIZE / size;
  // Row 0 is the top: the grid is flipped into PDF's upward y axis by the matrix.
  let ops = `q ${scale.toFixed(5)} 0 0 ${(-scale).toFixed(5)} ${left.toFixed(2)} ${(bottom + QR_SIZE).toFixed(2)} cm 0 g\n`;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; ) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && qr.modules.get(row, col)) col++;
      // A hair taller than the module, so stacked runs leave no white line between them once printed.
      ops += `${start} ${row} ${col - start} 1.02 re\n`;
    }
  }
  ops += 'f Q\n';
  return pdf.context.stream(deflateSync(ops), { Filter: 'FlateDecode' });
}

/** Breaks text into lines no wider than `width`, cutting words longer than a line. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = '';
      candidate = word;
      while (font.widthOfTextAtSize(candidate, size) > width && candidate.length > 1) {
        let cut = candidate.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(candidate.slice(0, cut), size) > width) cut--;
        out.push(candidate.slice(0, cut));
        candidate = candidate.slice(cut);
      }
      line = candidate;
    }
    out.push(line);
  }
  return out.length > 0 ? out : [''];
}

const SUBSTITUTES: Record<string, string> = {
  'ɗ': 'd', 'Ɗ': 'D', 'ɓ': 'b', 'Ɓ': 'B', 'ƙ': 'k', 'Ƙ': 'K', 'ƴ': 'y', 'Ƴ': 'Y', 'ŋ': 'n', 'Ŋ': 'N',
  'ɲ': 'ny', 'Ɲ': 'Ny', 'ɛ': 'e', 'Ɛ': 'E', 'ɔ': 'o', 'Ɔ': 'O', '\u202f': ' ', '\u00a0': ' ', '\u2009': ' ',
  '\u2032': "'", '\u02bc': "'", '\u2010': '-', '\u2011': '-', '\u2212': '-',
};

/**
 * The standard fonts speak WinAnsi only: a character outside it would make pdf-lib throw. Each such character
 * becomes its closest WinAnsi neighbour (letters of West African alphabets, accents stripped) or '?', so no
 * name ever stops a document from rendering.
 */
export function sanitizer(font: PDFFont): (s: string) => string {
  const supported = new Set(font.getCharacterSet());
  const ok = (c: string) => supported.has(c.codePointAt(0)!);
  return (s: string) => {
    let out = '';
    for (const char of s.normalize('NFC')) {
      if (char === '\n' || ok(char)) out += char;
      else if (char === '\t') out += ' ';
      else if (SUBSTITUTES[char] !== undefined) out += SUBSTITUTES[char];
      else {
        const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
        out += base && [...base].every(ok) ? base : '?';
      }
    }
    return out;
  };
}

/** "28 novembre 2026" for a date (yyyy-mm-dd, read in UTC) or an instant (read in the service's time zone). */
export function frenchDate(iso: string, timeZone: string): string {
  const date = iso.length === 10 ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: iso.length === 10 ? 'UTC' : timeZone }).format(date);
}

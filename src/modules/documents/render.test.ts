// The PDF renderer: the QR code drawn is exactly the QR code of the verification address, right side up and
// 3 cm wide; text outside the standard fonts' alphabet never stops a document; long lines wrap onto new pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { renderPdf, type RenderInput } from './render.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';

const code = '0449KTHYVH5357AVK0001C95KY3D10C89HYPB6HFXAGCAPPG2PHVYKRV5C5R4B6HBNP1BC7G18412H2F8CPK4C1J6RPKEJSK8RWN2P211SD6ATBEC5H6YX908XGQ4RK148DGWPSJJWTEM9SNC9RA1Q16V651BY6MKPHPGQSV79JPZKFV5WTMM4AF2BHS4N1NZ88XFZ3Y2DBWPR1MM24JSRRFRF5XMRD62MY8Y00';

const input = (over: Partial<RenderInput> = {}): RenderInput => ({
  content: {
    kind: 'birth-act-extract',
    issuerAdministrationId: 'A',
    holder: { name: 'Zeinabou Garba', birthDate: '2024-02-29' },
    title: "Extrait d'acte de naissance",
    lines: [{ label: 'Acte n°', value: '2024/117' }],
    place: 'Maradi',
    signatory: "L'officier de l'état civil",
  },
  keywords: ['DOC-2026-7K3F9QXA'],
  administration: { name: "Centre d'état civil de Maradi", country: 'ne' },
  reference: 'DOC-2026-7K3F9QXA',
  issuedAt: new Date('2026-11-28T09:30:00Z'),
  timeZone: 'Africa/Niamey',
  seal: { code, qrText: `HTTPS://GUICHET.NE/V/${code}`, verifyUrl: 'https://guichet.ne/verifier', canonical: Buffer.from('{}') },
  ...over,
});

/** Every deflated stream of the file, inflated. */
function streams(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf).toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/\/Length (\d+)[^]*?stream\n/g)) {
    const start = m.index! + m[0].length;
    try {
      out.push(inflateSync(Buffer.from(pdf).subarray(start, start + Number(m[1]))).toString('latin1'));
    } catch {
      // not deflated
    }
  }
  return out;
}

test('the QR code drawn is the verification address, module for module, 3 cm wide and right side up', async () => {
  const pdf = await renderPdf(input());
  const qrStream = streams(pdf).find((s) => /^q [\d.]+ 0 0 -[\d.]+ [\d.]+ [\d.]+ cm 0 g\n/.test(s));
  assert.ok(qrStream, 'one stream draws the QR code');
  const [, scale, , , d, , top] = /^q ([\d.]+) (0) (0) (-[\d.]+) ([\d.]+) ([\d.]+) cm/.exec(qrStream)!.map(Number);
  const expected = QRCode.create([{ data: `HTTPS://GUICHET.NE/V/${code}`, mode: 'alphanumeric' }], { errorCorrectionLevel: 'M' });
  const size = expected.modules.size;
  assert.ok(Math.abs(scale! * size - 85) < 0.01, '85 pt = 3 cm');
  assert.equal(d, -scale!, 'rows go down the page: row 0 at the top');
  assert.ok(top! > 85);
  const drawn = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  for (const [, x, y, w] of qrStream.matchAll(/^(\d+) (\d+) (\d+) 1\.02 re$/gm)) {
    for (let c = Number(x); c < Number(x) + Number(w); c++) drawn[Number(y)]![c] = true;
  }
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) assert.equal(drawn[r]![c], Boolean(expected.modules.get(r, c)), `module ${r},${c}`);
  // The code is also in the document information, and the printed text carries it in groups of five.
  assert.ok(Buffer.from(pdf).toString('latin1').includes(`/GuichetCode (${code})`));
  assert.match(await pdfText(pdf), /0449K\s+THYVH\s+5357A/);
});

test('names and lines outside the fonts\' alphabet render with their nearest letters; long content flows onto new pages', async () => {
  const long = Array.from({ length: 80 }, (_, i) => ({ label: `Mention ${i + 1}`, value: 'Reconnaissance par le père, Ɓello Ɗanjuma, le 3 mars 2025 — voir l’acte n° 2025/042 ' + '✓'.repeat(3) }));
  const pdf = await renderPdf(input({ content: { ...input().content, holder: { name: 'Ƙarƙara Ŋgom 李' }, lines: long } }));
  const text = await pdfText(pdf);
  assert.match(text, /Karkara Ngom \?/);
  assert.match(text, /Bello Danjuma/);
  assert.match(text, /Mention 80/);
  assert.match(text, /page 1\/\d/);
  const pages = text.split('\f');
  assert.ok(pages.length >= 3, `${pages.length} pages`);
  assert.match(pages.at(-1)!, /Document scellé électroniquement/, 'the seal on the last page');
});

test('a preview says it has no value and carries no seal', async () => {
  const text = await pdfText(await renderPdf(input({ seal: null, reference: 'APERÇU' })));
  assert.match(text, /APERÇU — SANS VALEUR/);
  assert.doesNotMatch(text, /Document scellé/);
});

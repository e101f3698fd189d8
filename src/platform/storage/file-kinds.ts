// What a file is, judged by its content (magic bytes), never by its name or the type the browser declares.
export type DocumentKind = 'pdf' | 'jpeg' | 'png' | 'webp';

const MIME: Record<DocumentKind, string> = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export function mimeOf(kind: DocumentKind): string {
  return MIME[kind];
}

const startsWith = (data: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => data[at + i] === b);
const ascii = (data: Buffer, at: number, text: string) => data.subarray(at, at + text.length).toString('latin1') === text;

/**
 * The kind of a document or photo, or null. A PDF must also end with its end-of-file marker: a file cut by
 * a dropped connection is refused rather than stored half.
 */
export function sniffDocument(data: Buffer): DocumentKind | null {
  if (ascii(data, 0, '%PDF-')) return data.subarray(-1024).includes('%%EOF') ? 'pdf' : null;
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(data, 0, 'RIFF') && ascii(data, 8, 'WEBP')) return 'webp';
  return null;
}

/** The audio formats a fiche's reading may be uploaded in. */
export function sniffAudio(data: Buffer): string | null {
  if (ascii(data, 0, 'ID3') || (data[0] === 0xff && ((data[1] ?? 0) & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (ascii(data, 0, 'OggS')) return 'audio/ogg';
  if (ascii(data, 0, 'RIFF') && ascii(data, 8, 'WAVE')) return 'audio/wav';
  if (ascii(data, 4, 'ftyp')) return 'audio/mp4';
  if (startsWith(data, [0x1a, 0x45, 0xdf, 0xa3])) return 'audio/webm';
  return null;
}

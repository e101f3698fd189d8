// Recognises the audio formats a fiche's reading may be uploaded in, by their first bytes (never by the
// file name or the browser's declared type).
export function sniffAudio(head: Buffer): string | null {
  const ascii = (start: number, text: string) => head.subarray(start, start + text.length).toString('latin1') === text;
  if (ascii(0, 'ID3') || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (ascii(0, 'OggS')) return 'audio/ogg';
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'audio/wav';
  if (ascii(4, 'ftyp')) return 'audio/mp4';
  if (head.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return 'audio/webm';
  return null;
}

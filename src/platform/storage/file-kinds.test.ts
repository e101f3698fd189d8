import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sniffAudio, sniffDocument } from './file-kinds.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

test('documents are recognised by content, whatever their name', () => {
  assert.equal(sniffDocument(pdf), 'pdf');
  assert.equal(sniffDocument(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), 'jpeg');
  assert.equal(sniffDocument(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), 'png');
  assert.equal(sniffDocument(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'webp');
});

test('disguised, truncated and empty files are refused', () => {
  assert.equal(sniffDocument(Buffer.from('MZ\x90\x00 an exe named .pdf')), null);
  assert.equal(sniffDocument(pdf.subarray(0, 20)), null, 'a PDF cut before its end');
  assert.equal(sniffDocument(Buffer.alloc(0)), null);
  assert.equal(sniffDocument(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')), null);
  assert.equal(sniffDocument(Buffer.from('<html><body>%PDF-</body></html>')), null);
});

test('audio formats', () => {
  assert.equal(sniffAudio(Buffer.from('ID3\x04\x00')), 'audio/mpeg');
  assert.equal(sniffAudio(Buffer.from('OggS\x00')), 'audio/ogg');
  assert.equal(sniffAudio(Buffer.from('RIFF\0\0\0\0WAVEfmt ')), 'audio/wav');
  assert.equal(sniffAudio(Buffer.from('\0\0\0\x20ftypM4A ')), 'audio/mp4');
  assert.equal(sniffAudio(Buffer.from('<?php')), null);
});

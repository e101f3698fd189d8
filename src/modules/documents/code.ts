// The verification code: a compact binary payload signed with Ed25519, written in Crockford's base 32 so that
// it fits the QR code's alphanumeric mode and can be typed. docs/verification.md describes it byte by byte for
// third parties; this file is the reference implementation. Pure: no database, no clock.
import { CROCKFORD } from '../../platform/db/ids.ts';
import { DOCUMENT_KINDS, type DocumentKind } from './types.ts';

export const FORMAT_VERSION = 1;
export const SIGNATURE_BYTES = 64;
export const HASH_BYTES = 32;
export const KEY_ID_BYTES = 5;
/** Names longer than this (in UTF-8 bytes) are cut at a character boundary in the code (never in the PDF). */
export const NAME_MAX_BYTES = 64;
const REFERENCE_MAX_BYTES = 40;
const HEADER_BYTES = 1 + 1 + KEY_ID_BYTES + 4 + 2 + 2 + HASH_BYTES; // up to the reference's length byte
const EPOCH_2000 = Date.UTC(2000, 0, 1);
const EPOCH_1900 = Date.UTC(1900, 0, 1);
const DAY = 86_400_000;
const NO_BIRTH_DATE = 0xffff;

/** Kinds by their byte in the code: the position in this list plus one. Append only. */
const KIND_CODES: readonly DocumentKind[] = DOCUMENT_KINDS;

export interface Payload {
  kind: DocumentKind;
  /** 8 characters of Crockford's base 32 (5 bytes). */
  keyId: string;
  /** Whole seconds. */
  issuedAt: Date;
  /** A date (yyyy-mm-dd, UTC) or null. */
  expiresOn: string | null;
  holderBirthDate: string | null;
  /** SHA-256 of the canonical content, hexadecimal. */
  contentHash: string;
  reference: string;
  holderName: string;
}

export class CodeError extends Error {
  constructor(readonly reason: 'malformed' | 'truncated' | 'version' | 'kind') {
    super(`verification code: ${reason}`);
  }
}

/** The signed part of the code (everything before the signature). */
export function encodePayload(p: Payload): Buffer {
  const reference = Buffer.from(p.reference, 'utf8');
  if (reference.length === 0 || reference.length > REFERENCE_MAX_BYTES) throw new Error('reference length');
  const name = Buffer.from(cutName(p.holderName), 'utf8');
  const kind = KIND_CODES.indexOf(p.kind) + 1;
  if (kind === 0) throw new Error(`unknown document kind ${p.kind}`);
  const out = Buffer.alloc(HEADER_BYTES + 1 + reference.length + 1 + name.length);
  let at = 0;
  out[at++] = FORMAT_VERSION;
  out[at++] = kind;
  const keyId = base32Decode(p.keyId);
  if (keyId.length !== KEY_ID_BYTES) throw new Error('key id must be 8 base-32 characters');
  keyId.copy(out, at);
  at += KEY_ID_BYTES;
  const seconds = Math.floor((p.issuedAt.getTime() - EPOCH_2000) / 1000);
  if (seconds < 0 || seconds > 0xffffffff) throw new Error('issue date out of range');
  out.writeUInt32BE(seconds, at);
  at += 4;
  out.writeUInt16BE(p.expiresOn ? daysSince(EPOCH_2000, p.expiresOn, 1, 0xffff) : 0, at);
  at += 2;
  out.writeUInt16BE(p.holderBirthDate ? daysSince(EPOCH_1900, p.holderBirthDate, 0, 0xfffe) : NO_BIRTH_DATE, at);
  at += 2;
  const hash = Buffer.from(p.contentHash, 'hex');
  if (hash.length !== HASH_BYTES) throw new Error('content hash must be 32 bytes');
  hash.copy(out, at);
  at += HASH_BYTES;
  out[at++] = reference.length;
  reference.copy(out, at);
  at += reference.length;
  out[at++] = name.length;
  name.copy(out, at);
  return out;
}

/** Splits a whole code's bytes into the payload (parsed), its signed bytes and the signature. */
export function decodeCode(bytes: Buffer): { payload: Payload; signed: Buffer; signature: Buffer } {
  const shortest = HEADER_BYTES + 2 + SIGNATURE_BYTES;
  // A first byte other than our version: a code of a later format (2 to 15) if long enough, else garbage.
  if (bytes[0] !== FORMAT_VERSION) throw new CodeError(bytes[0]! >= 2 && bytes[0]! <= 15 && bytes.length >= shortest ? 'version' : 'malformed');
  if (bytes.length < shortest) throw new CodeError('truncated');
  let at = 1;
  const kind = KIND_CODES[bytes[at++]! - 1];
  if (!kind) throw new CodeError('kind');
  const keyId = base32Encode(bytes.subarray(at, at + KEY_ID_BYTES));
  at += KEY_ID_BYTES;
  const issuedAt = new Date(EPOCH_2000 + bytes.readUInt32BE(at) * 1000);
  at += 4;
  const expiry = bytes.readUInt16BE(at);
  at += 2;
  const birth = bytes.readUInt16BE(at);
  at += 2;
  const contentHash = bytes.subarray(at, at + HASH_BYTES).toString('hex');
  at += HASH_BYTES;
  const refLength = bytes[at++]!;
  if (at + refLength + 1 + SIGNATURE_BYTES > bytes.length) throw new CodeError('truncated');
  const reference = utf8(bytes.subarray(at, at + refLength));
  at += refLength;
  const nameLength = bytes[at++]!;
  const end = at + nameLength;
  if (end + SIGNATURE_BYTES > bytes.length) throw new CodeError('truncated');
  if (end + SIGNATURE_BYTES < bytes.length) throw new CodeError('malformed');
  const holderName = utf8(bytes.subarray(at, end));
  if (refLength === 0) throw new CodeError('malformed');
  return {
    payload: {
      kind,
      keyId,
      issuedAt,
      expiresOn: expiry === 0 ? null : isoDay(EPOCH_2000 + expiry * DAY),
      holderBirthDate: birth === NO_BIRTH_DATE ? null : isoDay(EPOCH_1900 + birth * DAY),
      contentHash,
      reference,
      holderName,
    },
    signed: bytes.subarray(0, end),
    signature: bytes.subarray(end),
  };
}

/**
 * Reads what a person pasted or typed, or what a QR reader gave: the code alone, or the verification address
 * that carries it (…/V/<code>). Spaces, hyphens and line breaks are ignored; lower case is read as upper case;
 * O is read as 0 and I, L as 1, as Crockford's base 32 wants.
 */
export function parseCode(input: string): ReturnType<typeof decodeCode> {
  const text = codeTextOf(input);
  const bytes = base32Decode(text);
  const parts = decodeCode(bytes);
  // One spelling per code: spare bits set in the last character, or a character too many, would let two
  // different texts pass for the same signed bytes.
  if (base32Encode(bytes) !== text) throw new CodeError('malformed');
  return parts;
}

/** The code's characters out of what was pasted (see parseCode), upper case, separators removed. */
export function codeTextOf(input: string): string {
  let text = input.trim();
  const slash = text.toUpperCase().lastIndexOf('/V/');
  if (slash >= 0) text = text.slice(slash + 3);
  const query = text.match(/[?&]code=([^&#]*)/i);
  if (query) text = decodeURIComponent(query[1]!.replace(/\+/g, ' '));
  text = text.replace(/[\s\-.]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (text.length === 0 || !/^[0-9A-HJKMNP-TV-Z]+$/.test(text)) throw new CodeError('malformed');
  return text;
}

/** Groups of 5 characters, for printing under the QR code and on screen. */
export function groupCode(code: string): string {
  return code.replace(/(.{5})/g, '$1 ').trim();
}

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
  return out;
}

/** The inverse of base32Encode; bits left over at the end are dropped (parseCode refuses such spellings). */
export function base32Decode(text: string): Buffer {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = CROCKFORD.indexOf(char);
    if (value < 0) throw new CodeError('malformed');
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function cutName(name: string): string {
  let out = '';
  for (const char of name.normalize('NFC')) {
    if (Buffer.byteLength(out + char, 'utf8') > NAME_MAX_BYTES) break;
    out += char;
  }
  return out;
}

function daysSince(epoch: number, isoDate: string, min: number, max: number): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`not a date: ${isoDate}`);
  const days = Math.floor((Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!) - epoch) / DAY);
  if (days < min || days > max) throw new Error(`date out of range: ${isoDate}`);
  return days;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function utf8(bytes: Buffer): string {
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return text.decode(bytes);
  } catch {
    throw new CodeError('malformed');
  }
}

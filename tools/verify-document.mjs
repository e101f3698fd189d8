#!/usr/bin/env node
// Verifies a Guichet document offline, with nothing but Node.js (18+) and the public keys file
// (/.well-known/guichet-keys.json, downloaded once). It shares no code with the server on purpose: it is the
// reference a third party can read next to docs/verification.md to write a verifier in any language.
//
//   node tools/verify-document.mjs --keys guichet-keys.json CODE
//   node tools/verify-document.mjs --keys guichet-keys.json --pdf document.pdf
//   node tools/verify-document.mjs --keys guichet-keys.json --revocations guichet-revocations.json --json CODE
//
// CODE is the text printed under the QR code (spaces allowed), or what the QR code holds (…/V/CODE); "-" reads
// it from standard input. With --pdf, the code is read from the file and the sealed content attached to it is
// checked against the code's content hash, then printed so it can be compared with what the page shows.
// Exit status: 0 VALID, 1 NOT VALID, 2 REVOKED (per the revocation file given), 64 usage error.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KINDS = ['submission-receipt', 'acceptance', 'refusal', 'closure', 'bulletin-1', 'bulletin-2', 'bulletin-3', 'birth-act-extract', 'payment-receipt'];
const EPOCH_2000 = Date.UTC(2000, 0, 1);
const EPOCH_1900 = Date.UTC(1900, 0, 1);
const DAY = 86_400_000;

class Invalid extends Error {}

function usage(message) {
  if (message) console.error(message);
  console.error('usage: verify-document.mjs --keys <keys.json> [--revocations <file.json>] [--json] (<code> | - | --pdf <file.pdf>)');
  process.exit(64);
}

function parseArgs(argv) {
  const args = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--keys' || a === '--pdf' || a === '--revocations') args[a.slice(2)] = argv[++i] ?? usage(`${a} needs a file`);
    else if (a === '--json') args.json = true;
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else args.code = (args.code ? `${args.code} ` : '') + a;
  }
  if (!args.keys) usage('the keys file is required');
  return args;
}

// ---- Text to bytes (docs/verification.md, "The code as text") -------------------------------------------

function codeText(input) {
  let text = input.trim();
  const slash = text.toUpperCase().lastIndexOf('/V/');
  if (slash >= 0) text = text.slice(slash + 3);
  text = text.replace(/[\s\-.]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!text || !/^[0-9A-HJKMNP-TV-Z]+$/.test(text)) throw new Invalid('not a Guichet code (characters outside the alphabet)');
  return text;
}

function base32Decode(text) {
  const out = [];
  let buffer = 0;
  let bits = 0;
  for (const c of text) {
    buffer = ((buffer << 5) | ALPHABET.indexOf(c)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  // Canonical spelling only: fewer than 5 spare bits, all zero.
  if (bits >= 5 || (buffer & ((1 << bits) - 1)) !== 0) throw new Invalid('not a Guichet code (its end is malformed or truncated)');
  return Buffer.from(out);
}

// ---- Bytes to facts (docs/verification.md, "Layout") ------------------------------------------------------

function parse(bytes) {
  const fixed = 47; // version, kind, key id, issued, expiry, birth date, content hash
  if (bytes.length < 1 || bytes[0] !== 1) throw new Invalid('unknown format version');
  if (bytes.length < fixed + 2 + 64) throw new Invalid('truncated code');
  const kind = KINDS[bytes[1] - 1];
  if (!kind) throw new Invalid('unknown document kind');
  const keyId = base32Encode(bytes.subarray(2, 7));
  const issuedAt = new Date(EPOCH_2000 + bytes.readUInt32BE(7) * 1000);
  const expiry = bytes.readUInt16BE(11);
  const birth = bytes.readUInt16BE(13);
  const contentHash = bytes.subarray(15, 47).toString('hex');
  let at = fixed;
  const refLength = bytes[at++];
  const reference = bytes.subarray(at, at + refLength).toString('utf8');
  at += refLength;
  if (at >= bytes.length) throw new Invalid('truncated code');
  const nameLength = bytes[at++];
  const end = at + nameLength;
  if (end + 64 !== bytes.length) throw new Invalid(end + 64 > bytes.length ? 'truncated code' : 'malformed code (bytes after the signature)');
  const holderName = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, end));
  return {
    signed: bytes.subarray(0, end),
    signature: bytes.subarray(end),
    facts: {
      kind,
      reference,
      keyId,
      holderName,
      holderBirthDate: birth === 0xffff ? null : new Date(EPOCH_1900 + birth * DAY).toISOString().slice(0, 10),
      issuedAt: issuedAt.toISOString(),
      expiresOn: expiry === 0 ? null : new Date(EPOCH_2000 + expiry * DAY).toISOString().slice(0, 10),
      contentHash,
    },
  };
}

function base32Encode(bytes) {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

// ---- The seal (docs/verification.md, "Checking") ---------------------------------------------------------

function check(code, keysFile, revocations) {
  const { signed, signature, facts } = parse(base32Decode(codeText(code)));
  const key = keysFile.keys.find((k) => k.kid === facts.keyId);
  if (!key) throw new Invalid(`signed with key ${facts.keyId}, which no administration has published`);
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.jwk.x }, format: 'jwk' });
  if (!verify(null, signed, publicKey, signature)) throw new Invalid('the signature does not match (the code was modified or mistyped)');
  const issued = Date.parse(facts.issuedAt);
  if (issued < Date.parse(key.validFrom) || (key.validUntil && issued > Date.parse(key.validUntil))) {
    throw new Invalid(`key ${key.kid} was not in service on ${facts.issuedAt}`);
  }
  const administration = keysFile.administrations.find((a) => a.id === key.administration) ?? { id: key.administration };
  const revoked = revocations?.revoked?.find((r) => r.reference === facts.reference);
  const expired = facts.expiresOn !== null && facts.expiresOn < new Date().toISOString().slice(0, 10);
  return { status: revoked ? 'revoked' : 'valid', revokedAt: revoked?.revokedAt, facts: { ...facts, expired, issuer: administration } };
}

// ---- The PDF (docs/verification.md, "The PDF") -------------------------------------------------------------

/** The code Guichet writes in the document information dictionary (/GuichetCode), a literal string. */
function codeInPdf(pdf) {
  const match = /\/GuichetCode\s*\(([0-9A-Z]+)\)/.exec(pdf.toString('latin1'));
  if (!match) throw new Invalid('this PDF carries no Guichet code');
  return match[1];
}

/** The bytes of the embedded file stream (guichet-document.json), inflated if compressed. */
function attachedContent(pdf) {
  const text = pdf.toString('latin1');
  const at = text.indexOf('/Type /EmbeddedFile');
  if (at < 0) throw new Invalid('this PDF carries no sealed content');
  const dictStart = text.lastIndexOf('<<', at);
  const streamAt = text.indexOf('stream', at);
  const dict = text.slice(dictStart, streamAt);
  const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
  let start = streamAt + 'stream'.length;
  if (text[start] === '\r') start++;
  if (text[start] === '\n') start++;
  const raw = pdf.subarray(start, start + length);
  return /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
}

// ---- Main -------------------------------------------------------------------------------------------------

const args = parseArgs(process.argv.slice(2));
const keysFile = JSON.parse(readFileSync(args.keys, 'utf8'));
const revocations = args.revocations ? JSON.parse(readFileSync(args.revocations, 'utf8')) : null;
let result;
try {
  let content = null;
  let code = args.code === '-' ? readFileSync(0, 'utf8') : args.code;
  if (args.pdf) {
    const pdf = readFileSync(args.pdf);
    code ??= codeInPdf(pdf);
    content = attachedContent(pdf);
  }
  if (!code) usage('give a code, "-" or --pdf');
  result = check(code, keysFile, revocations);
  if (content) {
    if (createHash('sha256').update(content).digest('hex') !== result.facts.contentHash) {
      throw new Invalid('the PDF\'s sealed content does not match the code (the file was altered)');
    }
    result.content = JSON.parse(content.toString('utf8'));
  }
} catch (err) {
  if (!(err instanceof Invalid) && !(err instanceof TypeError) && !(err instanceof RangeError)) throw err;
  result = { status: 'invalid', reason: err instanceof Invalid ? err.message : 'malformed code' };
}

if (args.json) console.log(JSON.stringify(result, null, 2));
else if (result.status === 'invalid') console.log(`NOT VALID: ${result.reason}`);
else {
  const f = result.facts;
  console.log(result.status === 'valid' ? 'VALID' : `REVOKED on ${result.revokedAt}`);
  console.log(`  document   ${f.kind} ${f.reference}`);
  console.log(`  holder     ${f.holderName}${f.holderBirthDate ? `, born ${f.holderBirthDate}` : ''}`);
  console.log(`  issued     ${f.issuedAt} by ${f.issuer.name ?? f.issuer.id} (key ${f.keyId})`);
  if (f.expiresOn) console.log(`  expires    ${f.expiresOn}${f.expired ? ' (EXPIRED)' : ''}`);
  if (result.content) {
    console.log(`  title      ${result.content.title}`);
    for (const line of result.content.lines) {
      if (line.label) console.log(`  | ${line.label}: ${line.value}`);
      else if (line.heading) console.log(`  | ${line.heading}`);
      else if (line.paragraph) console.log(`  | ${line.paragraph}`);
      else if (line.table) for (const row of [line.table.head, ...line.table.rows]) console.log(`  | ${row.join(' | ')}`);
    }
  }
}
process.exit(result.status === 'valid' ? 0 : result.status === 'revoked' ? 2 : 1);

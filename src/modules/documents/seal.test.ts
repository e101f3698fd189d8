// The code's seal without a server: a round trip, then every way a code can be wrong, each refused with its
// reason; a retired key still vouches for what it signed while active, not for anything dated later.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { base32Decode, base32Encode, encodePayload, groupCode, parseCode, type Payload } from './code.ts';
import { checkCode, sealCode, type PublicKeyInfo } from './seal.ts';

const admin = { id: 'A1', code: 'ne-justice', name: 'Ministère de la Justice', country: 'ne' };

function newKey(id: string, validFrom: Date, validUntil: Date | null = null) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const info: PublicKeyInfo = { id, x: publicKey.export({ format: 'jwk' }).x!, validFrom, validUntil, administration: admin };
  return { info, privateKey };
}

const payload: Payload = {
  kind: 'bulletin-3',
  keyId: 'H8T1XJBH',
  issuedAt: new Date('2026-11-28T10:15:42Z'),
  expiresOn: '2027-02-28',
  holderBirthDate: '1990-04-12',
  contentHash: 'ab'.repeat(32),
  reference: 'DOC-2026-35PPRVA8',
  holderName: 'Aïssatou Ɗan-Ƙaré N’Diaye',
};

const key = newKey('H8T1XJBH', new Date('2026-01-01T00:00:00Z'));
const keys = (...list: PublicKeyInfo[]) => async (id: string) => list.find((k) => k.id === id);

test('a sealed code verifies and gives back every signed fact', async () => {
  const code = sealCode(payload, key.privateKey);
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]+$/, 'only QR alphanumeric characters');
  const result = await checkCode(code, keys(key.info));
  assert.equal(result.ok, true);
  assert.deepEqual(result.ok && result.payload, payload);
  // As printed (groups of five), in lower case, inside the QR address, with O for 0 and a line break: same.
  for (const typed of [groupCode(code), code.toLowerCase(), `HTTPS://GUICHET.NE/V/${code}`, `${code.slice(0, 50)}\n${code.slice(50)}`.replace(/0/g, 'O')]) {
    assert.equal((await checkCode(typed, keys(key.info))).ok, true, typed);
  }
});

test('the code is small: under 300 bytes even with a long name', () => {
  const code = sealCode({ ...payload, holderName: 'Mahamadou Abdourahamane Ousmane Issoufou Maïnassara Tandja Salou' }, key.privateKey);
  const bytes = base32Decode(code);
  assert.ok(bytes.length <= 200, `${bytes.length} bytes`);
  assert.ok(code.length <= 320, `${code.length} characters`);
});

function mutate(code: string, at: (bytes: Buffer) => number): string {
  const bytes = base32Decode(code);
  bytes[at(bytes)]! ^= 0x01;
  return base32Encode(bytes);
}

test('each tampering is NOT VALID with its reason', async () => {
  const code = sealCode(payload, key.privateKey);
  const check = async (input: string) => {
    const r = await checkCode(input, keys(key.info));
    return r.ok ? 'ok' : r.reason;
  };
  // One bit of the reference, of the name, of the content hash: the signature no longer matches.
  assert.equal(await check(mutate(code, () => 50)), 'signature', 'reference');
  assert.equal(await check(mutate(code, (b) => b.length - 70)), 'signature', 'holder name');
  assert.equal(await check(mutate(code, () => 20)), 'signature', 'content hash');
  assert.equal(await check(mutate(code, (b) => b.length - 1)), 'signature', 'signature itself');
  assert.equal(await check(code.slice(0, -1)), 'truncated');
  assert.equal(await check(code.slice(0, -20)), 'truncated');
  assert.equal(await check(code.slice(0, 40)), 'truncated');
  assert.equal(await check(`${code}Z`), 'malformed', 'a character too many');
  for (const garbage of ['', '   ', 'bonjour', '!!!!', 'https://example.com/', '0'.repeat(300), 'Ü'.repeat(50), 'x'.repeat(5000)]) {
    assert.equal(await check(garbage), 'malformed', JSON.stringify(garbage.slice(0, 20)));
  }
  const other = newKey('ZZZZZZZZ', new Date('2026-01-01T00:00:00Z'));
  assert.equal(await check(sealCode({ ...payload, keyId: 'ZZZZZZZZ' }, other.privateKey)), 'unknown-key');
  // A known key id, but signed by someone else's key.
  assert.equal(await check(sealCode(payload, other.privateKey)), 'signature');
  // A spelling with the last character's spare bits set: the same bytes, but not the code we printed.
  const last = code.at(-1)!;
  const spare = base32Decode(code).length * 8 < code.length * 5;
  if (spare) {
    const bumped = code.slice(0, -1) + '0123456789ABCDEFGHJKMNPQRSTVWXYZ'['0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(last) ^ 1];
    assert.equal(await check(bumped), 'malformed');
  }
  // Random bytes that happen to start with the format version: never a crash.
  for (let i = 0; i < 200; i++) {
    const bytes = randomBytes(1 + (i % 190));
    bytes[0] = 1;
    const r = await checkCode(base32Encode(bytes), keys(key.info));
    assert.equal(r.ok, false);
  }
});

test('a retired key keeps its documents valid, but vouches for nothing dated after its retirement', async () => {
  const retired = newKey('RETRD000', new Date('2026-01-01T00:00:00Z'), new Date('2026-06-30T12:00:00Z'));
  const before = sealCode({ ...payload, keyId: 'RETRD000', issuedAt: new Date('2026-03-01T08:00:00Z') }, retired.privateKey);
  const after = sealCode({ ...payload, keyId: 'RETRD000', issuedAt: new Date('2026-07-01T08:00:00Z') }, retired.privateKey);
  const beforeBirth = sealCode({ ...payload, keyId: 'RETRD000', issuedAt: new Date('2025-12-31T23:59:59Z') }, retired.privateKey);
  assert.equal((await checkCode(before, keys(retired.info))).ok, true);
  const late = await checkCode(after, keys(retired.info));
  assert.equal(late.ok === false && late.reason, 'key-not-valid-then');
  const early = await checkCode(beforeBirth, keys(retired.info));
  assert.equal(early.ok === false && early.reason, 'key-not-valid-then');
});

test('parseCode reads the fields back exactly, absent dates included', () => {
  const code = sealCode({ ...payload, expiresOn: null, holderBirthDate: null }, key.privateKey);
  const { payload: read } = parseCode(code);
  assert.equal(read.expiresOn, null);
  assert.equal(read.holderBirthDate, null);
  assert.equal(read.issuedAt.toISOString(), '2026-11-28T10:15:42.000Z');
});

test('the worked example of docs/verification.md holds', async () => {
  // Ed25519 signatures are deterministic: the same seed and payload always give this very code.
  const seed = Buffer.alloc(32, 7);
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  const example: Payload = {
    kind: 'birth-act-extract',
    keyId: 'K7N3XQ2A',
    issuedAt: new Date('2026-11-28T09:30:00Z'),
    expiresOn: null,
    holderBirthDate: '2024-02-29',
    contentHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    reference: 'DOC-2026-7K3F9QXA',
    holderName: 'Zeinabou Garba',
  };
  assert.equal(
    encodePayload(example).toString('hex'),
    '010899ea3edc4a329d5b980000b1259f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0811444f432d323032362d374b3346395158410e5a65696e61626f75204761726261',
  );
  const code = sealCode(example, privateKey);
  assert.equal(code, EXAMPLE_CODE);
  const info: PublicKeyInfo = { id: 'K7N3XQ2A', x: '6kpsY-KcUgq-9VB7Ey7F-ZVHdq6-vnuSQh7qaRRG0iw', validFrom: new Date('2026-01-01T00:00:00Z'), validUntil: null, administration: admin };
  assert.equal((await checkCode(code, keys(info))).ok, true);
});

const EXAMPLE_CODE =
  '0449KTHYVH5357AVK0001C95KY3D10C89HYPB6HFXAGCAPPG2PHVYKRV5C5R4B6HBNP1BC7G18412H2F8CPK4C1J6RPKEJSK8RWN2P211SD6ATBEC5H6YX908XGQ4RK148DGWPSJJWTEM9SNC9RA1Q16V651BY6MKPHPGQSV79JPZKFV5WTMM4AF2BHS4N1NZ88XFZ3Y2DBWPR1MM24JSRRFRF5XMRD62MY8Y00';

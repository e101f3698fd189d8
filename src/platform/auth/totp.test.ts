import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base32Decode, base32Encode, hotp, newTotpSecret, otpauthUri, totp, totpStep, verifyTotp } from './totp.ts';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890", 8-digit codes.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

test('RFC 6238 test vectors (SHA-1)', () => {
  assert.equal(RFC_SECRET, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  for (const [seconds, code] of RFC_VECTORS) {
    assert.equal(totp(RFC_SECRET, seconds * 1000, 8), code, `T=${seconds}`);
    // The 6-digit codes apps show are the same truncation modulo 10^6.
    assert.equal(totp(RFC_SECRET, seconds * 1000), code.slice(2), `T=${seconds}, 6 digits`);
  }
});

test('RFC 4226 HOTP vectors', () => {
  const key = Buffer.from('12345678901234567890', 'ascii');
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, counter) => assert.equal(hotp(key, counter), code));
});

test('base32 round trip, tolerant of case, spaces and padding; refuses other characters', () => {
  const secret = newTotpSecret();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.deepEqual(base32Decode(secret), base32Decode(secret.toLowerCase().replace(/(.{4})/g, '$1 ')));
  assert.equal(base32Decode('MZXW6===')!.toString(), 'foo');
  assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
  assert.equal(base32Decode('MZXW6!'), null);
  assert.equal(base32Decode('0189'), null);
});

test('a code is accepted one step either side of now, not two', () => {
  const now = 1_700_000_000_000;
  const secret = newTotpSecret();
  const step = totpStep(now);
  assert.equal(verifyTotp(secret, totp(secret, now), { now }), step);
  assert.equal(verifyTotp(secret, totp(secret, now - 30_000), { now }), step - 1);
  assert.equal(verifyTotp(secret, totp(secret, now + 30_000), { now }), step + 1);
  assert.equal(verifyTotp(secret, totp(secret, now - 60_000), { now }), null, 'expired');
  assert.equal(verifyTotp(secret, totp(secret, now + 60_000), { now }), null, 'too far ahead');
});

test('a code of a step already used is refused (replay), and so is an earlier one', () => {
  const now = 1_700_000_000_000;
  const secret = newTotpSecret();
  const code = totp(secret, now);
  const step = verifyTotp(secret, code, { now })!;
  assert.equal(verifyTotp(secret, code, { now, lastStep: step }), null);
  assert.equal(verifyTotp(secret, totp(secret, now - 30_000), { now, lastStep: step }), null);
  assert.equal(verifyTotp(secret, totp(secret, now + 30_000), { now, lastStep: step }), step + 1, 'the next step still works');
});

test('malformed codes and secrets are refused without throwing', () => {
  const secret = newTotpSecret();
  for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5a', '١٢٣٤٥٦']) assert.equal(verifyTotp(secret, code), null, code);
  assert.equal(verifyTotp('not base32!', '123456'), null);
  assert.equal(verifyTotp('', '123456'), null);
  // Spaces typed between digit groups are tolerated.
  const now = Date.now();
  const code = totp(secret, now);
  assert.equal(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, { now }), totpStep(now));
});

test('otpauth URI carries the secret, issuer and parameters', () => {
  const uri = otpauthUri({ secret: 'ABC', account: 'awa@justice.ne', issuer: 'Guichet' });
  assert.equal(uri, 'otpauth://totp/Guichet%3Aawa%40justice.ne?secret=ABC&issuer=Guichet&algorithm=SHA1&digits=6&period=30');
});

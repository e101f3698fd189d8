// Sealing and checking a code. Sealing signs the payload with the issuer's Ed25519 key; checking needs only
// the published public keys (what an offline verifier has) and says why a code is not valid. Revocation is
// the server's knowledge and is added on top by the service. docs/verification.md is the contract.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../platform/audit/index.ts';
import { base32Encode, CodeError, encodePayload, parseCode, type Payload } from './code.ts';
import type { DocumentContent } from './types.ts';

/** The facts the code's content hash covers, as attached to the PDF (guichet-document.json). */
export function canonicalContent(input: {
  content: DocumentContent;
  reference: string;
  keyId: string;
  issuedAt: Date;
  issuerName: string;
}): Buffer {
  const { content } = input;
  return Buffer.from(
    canonicalJson({
      format: 'guichet-document/1',
      kind: content.kind,
      reference: input.reference,
      issuer: { administrationId: content.issuerAdministrationId, name: input.issuerName, keyId: input.keyId },
      issuedAt: isoSeconds(input.issuedAt),
      expiresAt: content.expiresAt ? isoSeconds(content.expiresAt) : null,
      holder: { name: content.holder.name, birthDate: content.holder.birthDate ?? null },
      title: content.title,
      lines: content.lines,
      place: content.place,
      signatory: content.signatory,
    }),
    'utf8',
  );
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The code: base 32 of payload ‖ Ed25519 signature of the payload. */
export function sealCode(payload: Payload, privateKey: KeyObject): string {
  const signed = encodePayload(payload);
  const signature = sign(null, signed, privateKey);
  return base32Encode(Buffer.concat([signed, signature]));
}

/** A published key, as in /.well-known/guichet-keys.json. */
export interface PublicKeyInfo {
  id: string;
  /** Raw 32-byte Ed25519 key in base64url (the JWK `x`). */
  x: string;
  validFrom: Date;
  validUntil: Date | null;
  administration: { id: string; code: string; name: string; country: string };
}

export type Invalid =
  | 'malformed'
  | 'truncated'
  | 'version'
  | 'unknown-key'
  | 'signature'
  | 'key-not-valid-then';

export type CheckResult =
  | { ok: true; payload: Payload; key: PublicKeyInfo }
  | { ok: false; reason: Invalid; payload?: Payload };

/**
 * Checks a code as pasted, typed or scanned. Never throws: any input gives a result. Expiry is reported with
 * the facts (an expired bulletin is authentic, only no longer current), not as a failure.
 */
export async function checkCode(input: string, keyOf: (id: string) => Promise<PublicKeyInfo | undefined>): Promise<CheckResult> {
  let parts: ReturnType<typeof parseCode>;
  try {
    if (typeof input !== 'string' || input.length > 4000) return { ok: false, reason: 'malformed' };
    parts = parseCode(input);
  } catch (err) {
    if (err instanceof CodeError) return { ok: false, reason: err.reason === 'kind' ? 'malformed' : err.reason };
    return { ok: false, reason: 'malformed' };
  }
  const { payload, signed, signature } = parts;
  const key = await keyOf(payload.keyId);
  if (!key) return { ok: false, reason: 'unknown-key', payload };
  let good = false;
  try {
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' });
    good = verify(null, signed, publicKey, signature);
  } catch {
    good = false;
  }
  if (!good) return { ok: false, reason: 'signature', payload };
  // A key only vouches for what it signed while active: a code dated outside that period was not issued by us
  // (a stolen retired key cannot seal new documents).
  const issued = payload.issuedAt.getTime();
  if (issued < floorSecond(key.validFrom) || (key.validUntil && issued > key.validUntil.getTime())) {
    return { ok: false, reason: 'key-not-valid-then', payload };
  }
  return { ok: true, payload, key };
}

export function isoSeconds(date: Date): string {
  return new Date(floorSecond(date)).toISOString().replace('.000Z', 'Z');
}

export function floorSecond(date: Date): number {
  return Math.floor(date.getTime() / 1000) * 1000;
}

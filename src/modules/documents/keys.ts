// The administrations' Ed25519 sealing keys: creation, rotation, and the private key encrypted at rest.
//
// A key id is 5 random bytes, written as 8 characters of Crockford's base 32 in the keys file and the codes.
// Each administration has at most one active key (a partial unique index says so); rotating retires it and
// creates the next one in one transaction. Retired keys sign nothing more but stay published with their
// validity period, so every document they sealed stays verifiable.
//
// Private keys are stored as PKCS#8 encrypted with AES-256-GCM under the master key (DOCUMENTS_MASTER_KEY);
// the key id and administration are the additional authenticated data, so a ciphertext moved to another row
// fails to decrypt instead of signing for the wrong issuer.
import { createCipheriv, createDecipheriv, createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { base32Encode, KEY_ID_BYTES } from './code.ts';
import * as store from './store.ts';

export interface SigningKey {
  id: string;
  administrationId: string;
  privateKey: KeyObject;
}

/** Decrypted private keys by key id: a key's row never changes once written, so a cache cannot go stale. */
const decrypted = new Map<string, KeyObject>();

/** The administration's active key, created on first use (two instances racing create one). */
export async function activeKey(db: Kysely<DB>, masterKey: Buffer, administrationId: string): Promise<SigningKey> {
  // Share-locked until the caller's transaction ends (see store.activeKeyOf).
  let row = await store.activeKeyOf(db, administrationId, db.isTransaction);
  if (!row) {
    await store.insertKey(db, newKeyRow(masterKey, administrationId), { ifNoActive: true });
    row = await store.activeKeyOf(db, administrationId, db.isTransaction);
    if (!row) throw new Error(`no sealing key for administration ${administrationId}`);
  }
  let privateKey = decrypted.get(row.id);
  if (!privateKey) {
    privateKey = decryptPrivateKey(masterKey, row.id, row.administration_id, row.private_key_enc);
    decrypted.set(row.id, privateKey);
  }
  return { id: row.id, administrationId, privateKey };
}

/** Retires the active key (if any) and creates the next one; new documents are sealed with it. */
export async function rotateKey(db: Kysely<DB>, masterKey: Buffer, administrationId: string): Promise<{ id: string; retired: string | null }> {
  return db.transaction().execute(async (trx) => {
    const retired = await store.retireActiveKey(trx, administrationId);
    const row = newKeyRow(masterKey, administrationId);
    await store.insertKey(trx, row, { ifNoActive: false });
    return { id: row.id, retired };
  });
}

function newKeyRow(masterKey: Buffer, administrationId: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const id = base32Encode(randomBytes(KEY_ID_BYTES));
  const jwk = publicKey.export({ format: 'jwk' });
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  return {
    id,
    administration_id: administrationId,
    public_key: jwk.x!,
    private_key_enc: encryptPrivateKey(masterKey, id, administrationId, pkcs8),
  };
}

function aad(keyId: string, administrationId: string): Buffer {
  return Buffer.from(`guichet-document-key:${keyId}:${administrationId}`, 'utf8');
}

/** base64 of nonce (12) ‖ tag (16) ‖ ciphertext. */
export function encryptPrivateKey(masterKey: Buffer, keyId: string, administrationId: string, pkcs8: Buffer): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, nonce);
  cipher.setAAD(aad(keyId, administrationId));
  const body = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64');
}

export function decryptPrivateKey(masterKey: Buffer, keyId: string, administrationId: string, stored: string): KeyObject {
  const raw = Buffer.from(stored, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, raw.subarray(0, 12));
  decipher.setAAD(aad(keyId, administrationId));
  decipher.setAuthTag(raw.subarray(12, 28));
  let pkcs8: Buffer;
  try {
    pkcs8 = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  } catch {
    // The usual cause: the server runs with another DOCUMENTS_MASTER_KEY than the one that created the key.
    throw new Error(`sealing key ${keyId} cannot be decrypted: is DOCUMENTS_MASTER_KEY the one it was created with?`);
  }
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

// The documents module's rules: issuing (render, seal, store, record), previewing, verifying with the
// revocation list, revoking with authorization and audit, and the keys published for offline verifiers.
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/http/types.ts';
import type { DB } from '../../platform/db/schema.ts';
import { newId, CROCKFORD } from '../../platform/db/ids.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { DOCUMENT_KINDS, type DocumentContent, type DocumentKind, type DocumentSummary, type IssuedDocument } from './types.ts';
import { activeKey } from './keys.ts';
import { canonicalContent, checkCode, floorSecond, sealCode, sha256Hex, type Invalid, type PublicKeyInfo } from './seal.ts';
import { renderPdf } from './render.ts';
import * as store from './store.ts';
import type { Payload } from './code.ts';
import { decisionContent } from './letters.ts';

/** Where a verifier lands: the citizen page; the QR code carries `<public URL>/V/<code>`. */
export const VERIFY_PATH = '/verifier';

/** DOC-2026-7K3F9QXA: 8 characters of Crockford's base 32 (40 bits), unguessable and telling no volume. */
export function newDocumentReference(year: number): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CROCKFORD[randomInt(CROCKFORD.length)];
  return `DOC-${year}-${code}`;
}

function checkContent(content: DocumentContent) {
  if (!DOCUMENT_KINDS.includes(content.kind)) throw new Error(`unknown document kind ${content.kind}`);
  if (!content.holder.name.trim()) throw new Error('a document needs its holder');
  if (!content.title.trim()) throw new Error('a document needs a title');
  const birth = content.holder.birthDate;
  // A real calendar day: Date would quietly turn 1990-02-30 into 2 March.
  const day = birth ? new Date(`${birth}T00:00:00Z`) : null;
  if (birth && !(/^\d{4}-\d{2}-\d{2}$/.test(birth) && day && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(birth))) {
    throw new Error(`birthDate must be a date as yyyy-mm-dd, got ${birth}`);
  }
}

async function issuerOf(db: Kysely<DB>, administrationId: string) {
  const admin = await store.administration(db, administrationId);
  if (!admin || admin.id !== administrationId) throw new Error(`unknown administration ${administrationId}`);
  return admin;
}

/** The address printed on documents and put in their QR code. Upper case, to stay in the QR alphanumeric set. */
function qrTextOf(ctx: AppContext, code: string): string {
  return `${ctx.config.publicUrl.toUpperCase()}/V/${code}`;
}

/**
 * Renders, seals, stores (blob store) and records a document; `trx` lets the caller issue it inside its own
 * transaction (the PDF goes to the blob store first: if that transaction rolls back, an unreferenced file
 * stays behind, which is harmless).
 */
export async function issueDocument(ctx: AppContext, content: DocumentContent, trx?: Kysely<DB>): Promise<IssuedDocument> {
  const issued = await issue(ctx, content, trx ?? ctx.db);
  if (!issued) throw new Error('document could not be recorded');
  return issued;
}

/**
 * Issues, or returns undefined when a unique rule other than the reference refused it (a receipt made
 * meanwhile). Always in a transaction, the caller's or its own: the key stays share-locked while the document
 * is sealed and recorded, and the document is dated by the database's clock after that lock, so a rotation can
 * never retire the key before the date of a document it sealed.
 */
async function issue(ctx: AppContext, content: DocumentContent, db: Kysely<DB>): Promise<IssuedDocument | undefined> {
  checkContent(content);
  if (!db.isTransaction) return db.transaction().execute((trx) => issue(ctx, content, trx));
  const admin = await issuerOf(db, content.issuerAdministrationId);
  const key = await activeKey(db, ctx.config.documentsMasterKey, admin.id);
  const dossierReference = await referenceOfDossier(db, content.dossierId);
  for (let attempt = 0; attempt < 4; attempt++) {
    const issuedAt = await store.databaseSecond(db);
    const reference = newDocumentReference(issuedAt.getUTCFullYear());
    const canonical = canonicalContent({ content, reference, keyId: key.id, issuedAt, issuerName: admin.name });
    const contentHash = sha256Hex(canonical);
    const payload: Payload = {
      kind: content.kind,
      keyId: key.id,
      issuedAt,
      expiresOn: content.expiresAt ? content.expiresAt.toISOString().slice(0, 10) : null,
      holderBirthDate: content.holder.birthDate ?? null,
      contentHash,
      reference,
      holderName: content.holder.name,
    };
    const code = sealCode(payload, key.privateKey);
    const pdf = await renderPdf({
      content,
      keywords: [reference, ...dossierReference],
      administration: admin,
      reference,
      issuedAt,
      timeZone: ctx.config.timeZone,
      seal: { code, qrText: qrTextOf(ctx, code), verifyUrl: `${ctx.config.publicUrl}${VERIFY_PATH}`, canonical },
    });
    const blobKey = await ctx.blobs.put(Buffer.from(pdf));
    const id = newId();
    const inserted = await store.insertDocument(db, {
      id,
      reference,
      kind: content.kind,
      administration_id: admin.id,
      dossier_id: content.dossierId ?? null,
      key_id: key.id,
      holder_name: content.holder.name,
      holder_birth_date: content.holder.birthDate ?? null,
      title: content.title,
      content: canonical.toString('utf8'),
      content_hash: contentHash,
      code,
      blob_key: blobKey,
      issued_at: issuedAt,
      expires_at: content.expiresAt ?? null,
    });
    if (inserted) return { id, reference, code, pdf };
    await ctx.blobs.delete(blobKey);
    // Not the reference's fault: another unique rule (one receipt per dossier) said no.
    if (!(await store.documentByReference(db, reference))) return undefined;
  }
  throw new Error('no free document reference after 4 attempts');
}

/** Renders the same PDF without sealing or recording it (marked "APERÇU — sans valeur"), for an agent's preview. */
export async function previewDocument(ctx: AppContext, content: DocumentContent): Promise<Uint8Array> {
  checkContent(content);
  const admin = await issuerOf(ctx.db, content.issuerAdministrationId);
  const keywords = await referenceOfDossier(ctx.db, content.dossierId);
  return renderPdf({ content, keywords, administration: admin, reference: 'APERÇU', issuedAt: new Date(), timeZone: ctx.config.timeZone, seal: null });
}

async function referenceOfDossier(db: Kysely<DB>, dossierId: string | null | undefined): Promise<string[]> {
  if (!dossierId) return [];
  const row = await db.selectFrom('dossiers').select('reference').where('id', '=', dossierId).executeTakeFirst();
  return row?.reference ? [row.reference] : [];
}

/** The documents issued for a dossier, newest first. */
export async function documentsOfDossier(db: Kysely<DB>, dossierId: string): Promise<DocumentSummary[]> {
  const rows = await store.documentsOfDossier(db, dossierId);
  return rows.map((r) => ({ id: r.id, kind: r.kind as DocumentKind, reference: r.reference, issuedAt: r.issued_at, revokedAt: r.revoked_at, title: r.title }));
}

/**
 * The receipt of submission of a dossier, issued on its first request (never inside the submission itself,
 * which must stay fast). Two first requests at once make one receipt: the unique index decides.
 */
export async function receiptOf(ctx: AppContext, dossierId: string, build: () => Promise<DocumentContent>): Promise<store.DocumentRow> {
  const existing = await store.receiptOf(ctx.db, dossierId);
  if (existing) return existing;
  await issue(ctx, await build(), ctx.db);
  const row = await store.receiptOf(ctx.db, dossierId);
  if (!row) throw new Error('receipt not recorded');
  return row;
}

/**
 * The sealed letter of the dossier's current decision (acceptance or refusal), issued on its first request,
 * like the receipt: deciding stays as fast as it is, and a reopened then decided again dossier gets the letter
 * of its new decision. None when the dossier is not decided, or when a registry delivered its own document
 * for an acceptance (the bulletin or extract is the answer then).
 */
export async function decisionLetterOf(ctx: AppContext, facts: store.DossierFacts): Promise<store.DocumentRow | undefined> {
  if (facts.status !== 'accepted' && facts.status !== 'refused') return undefined;
  const decision = await store.latestDecision(ctx.db, facts.id);
  if (!decision || decision.status !== facts.status) return undefined;
  const kind = decision.status === 'accepted' ? 'acceptance' : 'refusal';
  if (kind === 'acceptance' && (await store.hasRegistryDocument(ctx.db, facts.id))) return undefined;
  const existing = await store.documentSince(ctx.db, facts.id, kind, decision.created_at);
  if (existing) return existing;
  return ctx.db.transaction().execute(async (trx) => {
    await store.lockDossierLetter(trx, facts.id);
    const made = await store.documentSince(trx, facts.id, kind, decision.created_at);
    if (made) return made;
    const content = decisionContent(facts, kind === 'acceptance' ? 'accept' : 'refuse', decision.note ?? '', ctx.config.timeZone, {
      at: decision.created_at,
      silence: decision.kind.endsWith('_silence'),
    });
    const issued = await issueDocument(ctx, content, trx);
    return store.documentById(trx, issued.id);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Verification

export interface SignedFacts {
  kind: DocumentKind;
  reference: string;
  holderName: string;
  holderBirthDate: string | null;
  issuedAt: Date;
  expiresOn: string | null;
  expired: boolean;
  contentHash: string;
  issuer: { id: string; code: string; name: string; country: string; keyId: string };
  /** From our records when they hold this very document (same reference and content). */
  title: string | null;
}

export type Verification =
  | { status: 'valid'; facts: SignedFacts }
  | { status: 'revoked'; facts: SignedFacts; revokedAt: Date; reason: string }
  | { status: 'invalid'; reason: Invalid };

function keyInfo(row: store.PublishedKey): PublicKeyInfo {
  return {
    id: row.id,
    x: row.public_key,
    validFrom: row.created_at,
    validUntil: row.retired_at,
    administration: { id: row.administration_id, code: row.administration_code, name: row.administration_name, country: row.country },
  };
}

/** What /verifier and POST /api/v1/verify answer, for any input whatsoever. */
export async function verifyCode(db: Kysely<DB>, input: string, now = new Date()): Promise<Verification> {
  const result = await checkCode(input, async (id) => {
    const row = await store.keyById(db, id);
    return row && keyInfo(row);
  });
  if (!result.ok) return { status: 'invalid', reason: result.reason };
  const { payload, key } = result;
  const record = await store.documentByReference(db, payload.reference);
  const ours = record && record.content_hash === payload.contentHash && record.key_id === payload.keyId ? record : undefined;
  const facts: SignedFacts = {
    kind: payload.kind,
    reference: payload.reference,
    holderName: payload.holderName,
    holderBirthDate: payload.holderBirthDate,
    issuedAt: payload.issuedAt,
    expiresOn: payload.expiresOn,
    expired: payload.expiresOn !== null && payload.expiresOn < now.toISOString().slice(0, 10),
    contentHash: payload.contentHash,
    issuer: { ...key.administration, keyId: key.id },
    title: ours?.title ?? null,
  };
  if (ours?.revoked_at) return { status: 'revoked', facts, revokedAt: ours.revoked_at, reason: ours.revocation_reason ?? '' };
  return { status: 'valid', facts };
}

/** /.well-known/guichet-keys.json: every key, active and retired, with its validity and administration. */
export async function keysFile(db: Kysely<DB>, publicUrl: string) {
  const rows = await store.publishedKeys(db);
  const administrations = new Map<string, { id: string; code: string; name: string; country: string }>();
  for (const r of rows) administrations.set(r.administration_id, { id: r.administration_id, code: r.administration_code, name: r.administration_name, country: r.country });
  return {
    format: 'guichet-keys/1',
    issuer: publicUrl,
    documentation: 'docs/verification.md of the Guichet source',
    administrations: [...administrations.values()],
    keys: rows.map((r) => ({
      kid: r.id,
      alg: 'Ed25519',
      administration: r.administration_id,
      status: r.retired_at ? 'retired' : 'active',
      validFrom: new Date(floorSecond(r.created_at)).toISOString(),
      validUntil: r.retired_at ? r.retired_at.toISOString() : null,
      jwk: { kty: 'OKP', crv: 'Ed25519', x: r.public_key, kid: r.id },
    })),
  };
}

/** The public revocation list: references and dates (reasons stay on the verification page). */
export async function revocationList(db: Kysely<DB>) {
  const rows = await store.revocations(db);
  return { format: 'guichet-revocations/1', revoked: rows.map((r) => ({ reference: r.reference, revokedAt: r.revoked_at!.toISOString() })) };
}

// ---------------------------------------------------------------------------------------------------------
// Revocation

export const REASON_MAX = 500;

export type RevokeOutcome = { ok: true } | { ok: false; error: 'reason' | 'already' };

/**
 * Revokes a document the caller was shown (authorization is checked by the caller through `canManage`).
 * Audited in the same transaction.
 */
export async function revokeDocument(db: Kysely<DB>, actor: { id: string }, doc: store.DocumentRow, reason: string): Promise<RevokeOutcome> {
  const text = reason.trim();
  if (text.length < 3 || text.length > REASON_MAX) return { ok: false, error: 'reason' };
  return db.transaction().execute(async (trx) => {
    if (!(await store.revoke(trx, doc.id, actor.id, text))) return { ok: false, error: 'already' } as const;
    await appendAudit(trx, {
      actorId: actor.id,
      action: 'document.revoke',
      subject: { type: 'document', id: doc.id },
      administrationId: doc.administration_id,
      details: { reference: doc.reference, dossier: doc.dossier_id, reason: text },
    });
    return { ok: true } as const;
  });
}

-- Documents: the sealing keys of each issuing administration, the documents issued (receipts, letters,
-- bulletins, extracts) and their revocations. See docs/verification.md and docs/decisions/0015-documents-seal.md.

-- Ed25519 keys. `id` is the key id printed in every code (8 characters of Crockford's base 32 = 5 bytes).
-- The private key is stored encrypted (AES-256-GCM under DOCUMENTS_MASTER_KEY): nonce, tag and ciphertext in
-- base64. A retired key signs nothing more but stays published, so the documents it sealed remain valid.
CREATE TABLE document_keys (
  id                text PRIMARY KEY CHECK (id ~ '^[0-9A-HJKMNP-TV-Z]{8}$'),
  administration_id text NOT NULL REFERENCES administrations(id),
  public_key        text NOT NULL,
  private_key_enc   text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  retired_at        timestamptz
);
-- At most one active key per administration: two instances creating the first key race on this index.
CREATE UNIQUE INDEX document_keys_active_idx ON document_keys (administration_id) WHERE retired_at IS NULL;

CREATE TABLE documents (
  id                text PRIMARY KEY,
  reference         text NOT NULL UNIQUE,
  kind              text NOT NULL,
  administration_id text NOT NULL REFERENCES administrations(id),
  dossier_id        text REFERENCES dossiers(id) ON DELETE CASCADE,
  key_id            text NOT NULL REFERENCES document_keys(id),
  holder_name       text NOT NULL,
  holder_birth_date text CHECK (holder_birth_date ~ '^\d{4}-\d{2}-\d{2}$'),
  title             text NOT NULL,
  -- The canonical facts as signed (their SHA-256 is in the code) and the code itself.
  content           jsonb NOT NULL,
  content_hash      text NOT NULL,
  code              text NOT NULL,
  blob_key          text NOT NULL,
  issued_at         timestamptz NOT NULL,
  expires_at        timestamptz,
  revoked_at        timestamptz,
  revoked_by        text REFERENCES users(id),
  revocation_reason text
);
CREATE INDEX documents_dossier_idx ON documents (dossier_id, issued_at DESC) WHERE dossier_id IS NOT NULL;
-- One receipt of submission per dossier, generated on first download: two downloads at once make one.
CREATE UNIQUE INDEX documents_one_receipt_idx ON documents (dossier_id) WHERE kind = 'submission-receipt';

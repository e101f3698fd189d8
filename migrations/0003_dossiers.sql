-- The procedure engine: versioned online forms of procedures, and the dossiers citizens file with them.

-- A procedure's form, revision by revision. At most one draft (the builder's work) and one published
-- revision at a time; a published revision is frozen and, once replaced, kept as 'superseded' because the
-- dossiers filed on it still point at it.
CREATE TABLE procedure_revisions (
  id            text PRIMARY KEY,
  procedure_id  text NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  number        integer NOT NULL,
  status        text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
  definition    jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz,
  UNIQUE (procedure_id, number)
);
CREATE UNIQUE INDEX procedure_revisions_one_published ON procedure_revisions (procedure_id) WHERE status = 'published';
CREATE UNIQUE INDEX procedure_revisions_one_draft ON procedure_revisions (procedure_id) WHERE status = 'draft';

CREATE TABLE dossiers (
  id             text PRIMARY KEY,
  -- Human reference (DOS-2026-7K3F9Q), given at submission: random, so it reveals no volume.
  reference      text UNIQUE,
  procedure_id   text NOT NULL REFERENCES procedures(id),
  revision_id    text NOT NULL REFERENCES procedure_revisions(id),
  -- Null only for a draft prefilled through the API and not yet claimed by a signed-in citizen.
  applicant_id   text REFERENCES users(id) ON DELETE CASCADE,
  status         text NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'submitted', 'in_review', 'correction', 'accepted', 'refused', 'closed')),
  answers        jsonb NOT NULL DEFAULT '{}',
  -- The one-time key of the submit form that submitted it: the same key again gets the same answer.
  submit_key     text UNIQUE,
  -- SHA-256 of the token that lets the citizen holding it claim a draft prefilled through the API.
  prefill_hash   text UNIQUE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  submitted_at   timestamptz,
  CHECK (status = 'draft' OR (reference IS NOT NULL AND applicant_id IS NOT NULL))
);
CREATE INDEX dossiers_applicant_idx ON dossiers (applicant_id, updated_at DESC, id DESC);
CREATE INDEX dossiers_procedure_idx ON dossiers (procedure_id, status);

-- Files attached to a dossier: answers of attachment fields, and files of messages. The bytes live in the
-- blob store; this row is what the owner and the agents may download.
CREATE TABLE dossier_attachments (
  id          text PRIMARY KEY,
  dossier_id  text NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  field       text,
  message_id  text,
  blob_key    text NOT NULL,
  name        text NOT NULL,
  kind        text NOT NULL,
  size        integer NOT NULL CHECK (size > 0),
  sha256      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_attachments_dossier_idx ON dossier_attachments (dossier_id);

-- The timeline of a dossier: every status change, and who made it.
CREATE TABLE dossier_events (
  id          text PRIMARY KEY,
  dossier_id  text NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  kind        text NOT NULL,
  status      text,
  actor_id    text REFERENCES users(id) ON DELETE SET NULL,
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_events_dossier_idx ON dossier_events (dossier_id, created_at, id);

-- Messages between the applicant and the administration about one dossier.
CREATE TABLE dossier_messages (
  id          text PRIMARY KEY,
  dossier_id  text NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  author_id   text REFERENCES users(id) ON DELETE SET NULL,
  from_applicant boolean NOT NULL,
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_messages_dossier_idx ON dossier_messages (dossier_id, created_at, id);

-- A correction the administration asks for: which fields, why. Answered when the applicant resubmits.
CREATE TABLE dossier_corrections (
  id           text PRIMARY KEY,
  dossier_id   text NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  fields       jsonb NOT NULL,
  reason       text NOT NULL,
  requested_by text REFERENCES users(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  answered_at  timestamptz
);
CREATE UNIQUE INDEX dossier_corrections_open ON dossier_corrections (dossier_id) WHERE answered_at IS NULL;

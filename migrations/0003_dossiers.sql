-- The procedure engine: versioned online forms of procedures, and the dossiers citizens file with them.

-- Each published revision is frozen; a dossier is pinned to the revision it was filed on.
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
CREATE INDEX procedure_revisions_published_idx ON procedure_revisions (procedure_id) WHERE status = 'published';

CREATE TABLE dossiers (
  id             text PRIMARY KEY,
  -- Human reference (DOS-2026-7K3F9Q), given at submission: random, so it reveals no volume.
  reference      text UNIQUE,
  procedure_id   text NOT NULL REFERENCES procedures(id),
  revision_id    text NOT NULL REFERENCES procedure_revisions(id),
  applicant_id   text NOT NULL REFERENCES users(id),
  status         text NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'submitted', 'in_review', 'correction', 'accepted', 'refused', 'closed')),
  answers        jsonb NOT NULL DEFAULT '{}',
  -- The one-time key of the submit form that submitted it: the same key again gets the same answer.
  submit_key     text UNIQUE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  submitted_at   timestamptz
);
CREATE INDEX dossiers_applicant_idx ON dossiers (applicant_id, updated_at DESC);

CREATE TABLE dossier_attachments (
  id          text PRIMARY KEY,
  dossier_id  text NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  field       text NOT NULL,
  blob_key    text NOT NULL,
  name        text NOT NULL,
  kind        text NOT NULL,
  size        integer NOT NULL,
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
  actor_id    text REFERENCES users(id),
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_events_dossier_idx ON dossier_events (dossier_id, created_at);

-- Exports of a procedure's dossiers (CSV, XLSX) asked for by agents, and the column sets they keep.
-- See docs/decisions/0011-exports.md.

-- An export too large to be built during the request: the worker builds it into the blob store. Rows and
-- files live 7 days (a maintenance task deletes both). Only its author may download it.
CREATE TABLE exports (
  id            text PRIMARY KEY,
  user_id       text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  procedure_id  text NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  format        text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  columns       jsonb NOT NULL,
  filters       jsonb NOT NULL DEFAULT '{}',
  locale        text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed')),
  file_name     text NOT NULL,
  blob_key      text,
  row_count     integer,
  error         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
-- The author's list of exports, newest first; and the retention sweep by age.
CREATE INDEX exports_user_idx ON exports (user_id, created_at DESC);
CREATE INDEX exports_created_idx ON exports (created_at);

-- A named choice of columns, per agent and procedure, to export the same table again next month.
CREATE TABLE export_column_sets (
  id            text PRIMARY KEY,
  user_id       text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  procedure_id  text NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  name          text NOT NULL,
  columns       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, procedure_id, name)
);

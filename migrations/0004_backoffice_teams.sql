-- The back office: teams of agents inside an administration, how a procedure's dossiers are routed to them,
-- and what the inbox needs to list millions of dossiers quickly.

CREATE TABLE teams (
  id                text PRIMARY KEY,
  administration_id text NOT NULL REFERENCES administrations(id),
  name              text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (administration_id, name)
);

CREATE TABLE team_members (
  team_id  text NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id  text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_idx ON team_members (user_id);

-- How a procedure is processed: the team that gets what no rule catches, the legal delay, and what the
-- administration's silence means when that delay runs out.
CREATE TABLE procedure_processing (
  procedure_id     text PRIMARY KEY REFERENCES procedures(id) ON DELETE CASCADE,
  default_team_id  text REFERENCES teams(id) ON DELETE SET NULL,
  legal_delay_days integer CHECK (legal_delay_days > 0),
  silence          text NOT NULL DEFAULT 'none' CHECK (silence IN ('none', 'accept', 'refuse'))
);

-- Routing rules on the answers (a condition of the forms engine), tried in order: the first match wins.
CREATE TABLE routing_rules (
  id            text PRIMARY KEY,
  procedure_id  text NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  position      integer NOT NULL,
  team_id       text NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  condition     jsonb NOT NULL,
  UNIQUE (procedure_id, position)
);

-- A filed dossier belongs to a team and, through its procedure, to an administration; both are copied on
-- the row at submission so the inbox filters on one table. `stage` is the inbox tab a dossier falls in;
-- `version` grows with every change an agent makes, so a decision taken on a stale page is detected.
ALTER TABLE dossiers ADD COLUMN team_id text REFERENCES teams(id);
ALTER TABLE dossiers ADD COLUMN administration_id text REFERENCES administrations(id);
ALTER TABLE dossiers ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE dossiers ADD COLUMN due_at timestamptz;
ALTER TABLE dossiers ADD COLUMN decided_at timestamptz;
ALTER TABLE dossiers ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN stage text GENERATED ALWAYS AS (
  CASE
    WHEN status = 'draft' THEN NULL
    WHEN archived THEN 'archived'
    WHEN status = 'submitted' THEN 'to_process'
    WHEN status IN ('in_review', 'correction') THEN 'in_review'
    ELSE 'closed'
  END
) STORED;

-- The inbox pages: one tab of one team (or of one administration for its managers), in date order.
CREATE INDEX dossiers_team_inbox_idx ON dossiers (team_id, stage, submitted_at, id) WHERE stage IS NOT NULL;
CREATE INDEX dossiers_admin_inbox_idx ON dossiers (administration_id, stage, submitted_at, id) WHERE stage IS NOT NULL;

CREATE TABLE dossier_followers (
  dossier_id text NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  user_id    text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, dossier_id)
);

-- Expert opinions: an agent asks a named colleague, or a whole team, of his administration's tree for an
-- opinion on a dossier, by a due date, optionally as a yes/no question. The asked people read the dossier
-- while the request exists (see docs/decisions/0010-back-office.md for how long).

CREATE TABLE dossier_opinions (
  id          text PRIMARY KEY,
  dossier_id  text NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  asked_by    text REFERENCES users(id) ON DELETE SET NULL,
  -- Exactly one addressee: a person, or a team (then any of its members answers for it).
  expert_id   text REFERENCES users(id) ON DELETE CASCADE,
  team_id     text REFERENCES teams(id) ON DELETE CASCADE,
  question    text NOT NULL CHECK (length(question) BETWEEN 1 AND 4000),
  yes_no      boolean NOT NULL DEFAULT false,
  -- The end of the due day in the service's time zone: late means now() > due_at.
  due_at      timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  answer      text CHECK (length(answer) BETWEEN 1 AND 4000),
  answer_yes  boolean,
  answered_by text REFERENCES users(id) ON DELETE SET NULL,
  answered_at timestamptz,
  CHECK ((expert_id IS NULL) <> (team_id IS NULL)),
  CHECK ((answer IS NULL) = (answered_at IS NULL)),
  CHECK (answer_yes IS NULL OR yes_no)
);

CREATE INDEX dossier_opinions_dossier_idx ON dossier_opinions (dossier_id, created_at);
-- The expert's list and the scope door look requests up by addressee.
CREATE INDEX dossier_opinions_expert_idx ON dossier_opinions (expert_id, dossier_id) WHERE expert_id IS NOT NULL;
CREATE INDEX dossier_opinions_team_idx ON dossier_opinions (team_id, dossier_id) WHERE team_id IS NOT NULL;

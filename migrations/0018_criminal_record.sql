-- The criminal record (casier judiciaire): the persons convicted, their convictions (one "fiche" each), the
-- later events written on a fiche, which teams keep the registry or judge, and the API clients allowed to ask
-- for bulletin n°2. Decision docs/decisions/0016-criminal-record.md; rules in docs/criminal-record.md.
-- Dates of the record (birth, offence, decision, events) are calendar dates without a time zone: kept as
-- 'yyyy-mm-dd' text so no driver shifts them by an hour, and compared as text (same order).

-- Who may read the registry: members of a team given the right. 'clerk' (greffier du casier) registers
-- convictions, searches and issues bulletins n°3; 'judge' reads bulletin n°1. Managers and operators get no
-- implicit access: the right follows the team, so it is given and withdrawn like any membership.
CREATE TABLE criminal_record_teams (
  team_id    text NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('clerk', 'judge')),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, role)
);

CREATE TABLE criminal_persons (
  id             text PRIMARY KEY,
  surname        text NOT NULL,
  given_names    text NOT NULL,
  birth_date     text NOT NULL CHECK (birth_date ~ '^\d{4}-\d{2}-\d{2}$'),
  birth_place    text NOT NULL,
  father_name    text,
  mother_name    text,
  nin            text,
  -- Normalised keys (no accents, lower case, given names sorted) for finding candidates quickly.
  surname_key    text NOT NULL,
  given_key      text NOT NULL,
  created_by     text REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX criminal_persons_birth_idx ON criminal_persons (birth_date);
CREATE INDEX criminal_persons_surname_idx ON criminal_persons (surname_key);
CREATE INDEX criminal_persons_nin_idx ON criminal_persons (nin) WHERE nin IS NOT NULL;

CREATE TABLE criminal_convictions (
  id                      text PRIMARY KEY,
  person_id               text NOT NULL REFERENCES criminal_persons(id),
  court_name              text NOT NULL,
  decision_reference      text,
  decision_date           text NOT NULL CHECK (decision_date ~ '^\d{4}-\d{2}-\d{2}$'),
  offence_date            text CHECK (offence_date ~ '^\d{4}-\d{2}-\d{2}$'),
  offence_label           text NOT NULL,
  offence_category        text NOT NULL CHECK (offence_category IN ('crime', 'delit', 'contravention')),
  prison_months           integer CHECK (prison_months > 0),
  prison_suspended_months integer CHECK (prison_suspended_months >= 0 AND prison_suspended_months <= prison_months),
  fine_xof                integer CHECK (fine_xof > 0),
  fine_suspended          boolean NOT NULL DEFAULT false,
  other_penalty           text,
  other_penalty_months    integer CHECK (other_penalty_months > 0),
  -- The court ordered the mention on bulletin n°3 of a prison sentence of two years or less.
  b3_ordered              boolean NOT NULL DEFAULT false,
  -- The registry that recorded it (the clerk's team's administration) and the clerk.
  administration_id       text NOT NULL REFERENCES administrations(id),
  registered_by           text REFERENCES users(id),
  created_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (prison_months IS NOT NULL OR fine_xof IS NOT NULL OR other_penalty IS NOT NULL)
);
CREATE INDEX criminal_convictions_person_idx ON criminal_convictions (person_id, decision_date);

-- What happens to a fiche afterwards: appeal, rehabilitation, amnesty, end of the sentence, …
CREATE TABLE criminal_conviction_events (
  id             text PRIMARY KEY,
  conviction_id  text NOT NULL REFERENCES criminal_convictions(id),
  kind           text NOT NULL CHECK (kind IN ('appel', 'arret_appel', 'revocation_sursis', 'suspension_peine', 'execution', 'prescription', 'rehabilitation', 'amnistie')),
  event_date     text NOT NULL CHECK (event_date ~ '^\d{4}-\d{2}-\d{2}$'),
  note           text,
  registered_by  text REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX criminal_conviction_events_idx ON criminal_conviction_events (conviction_id, event_date);

-- Other administrations' systems allowed to ask for bulletin n°2 through the API. The token is shown once at
-- creation; only its SHA-256 is kept. `rights` lists what the client may ask ('bulletin-2').
CREATE TABLE criminal_record_api_clients (
  id                text PRIMARY KEY,
  name              text NOT NULL,
  administration_id text REFERENCES administrations(id),
  token_hash        text NOT NULL UNIQUE,
  rights            text[] NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  revoked_at        timestamptz
);

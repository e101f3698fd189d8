-- Civil status (état civil): each commune's register of births, its yearly act numbers, the acts drawn up by
-- its officers and the mentions later written in their margin. Decision docs/decisions/0018-civil-status.md.

-- A commune's register, held by one administration (the commune's civil-status centre). The officers of the
-- commune are the members of that administration's teams.
CREATE TABLE civil_registers (
  id                text PRIMARY KEY,
  country           text NOT NULL,
  commune_code      text NOT NULL,
  administration_id text NOT NULL REFERENCES administrations(id),
  -- As printed on extracts: « Centre d'état civil de Niamey I », « Niamey », « L'officier de l'état civil … ».
  centre_name       text NOT NULL,
  place             text NOT NULL,
  signatory         text NOT NULL,
  UNIQUE (country, commune_code)
);
CREATE INDEX civil_registers_administration_idx ON civil_registers (administration_id);

-- The last act number given in a register for a year. A registration increments its row inside its own
-- transaction: the row stays locked until commit, so two registrations never share a number, and a rolled
-- back one gives its number back (no gap), which a sequence would not.
CREATE TABLE civil_act_counters (
  register_id text NOT NULL REFERENCES civil_registers(id),
  year        integer NOT NULL,
  last_number integer NOT NULL CHECK (last_number > 0),
  PRIMARY KEY (register_id, year)
);

CREATE TABLE birth_acts (
  id                text PRIMARY KEY,
  register_id       text NOT NULL REFERENCES civil_registers(id),
  year              integer NOT NULL,
  number            integer NOT NULL CHECK (number > 0),
  -- The declaration it was drawn up from (one act per declaration).
  dossier_id        text UNIQUE REFERENCES dossiers(id),
  child_surname     text NOT NULL,
  child_given_names text NOT NULL,
  sex               text NOT NULL CHECK (sex IN ('f', 'm')),
  born_at           timestamptz NOT NULL,
  -- The day of birth in the service's time zone, for searches by birth date.
  birth_date        date NOT NULL,
  birth_place       text NOT NULL,
  -- { surname, givenNames, birthDate, birthPlace, nationality, occupation, address }
  mother            jsonb NOT NULL,
  father            jsonb,
  declarant         text NOT NULL,
  declared_at       timestamptz NOT NULL,
  registered_at     timestamptz NOT NULL,
  officer_id        text REFERENCES users(id),
  officer_name      text NOT NULL,
  UNIQUE (register_id, year, number)
);
CREATE INDEX birth_acts_search_idx ON birth_acts (register_id, birth_date, lower(child_surname));

CREATE TABLE birth_act_mentions (
  id           text PRIMARY KEY,
  act_id       text NOT NULL REFERENCES birth_acts(id),
  kind         text NOT NULL CHECK (kind IN ('recognition', 'marriage', 'divorce', 'death', 'rectification')),
  mention_date date NOT NULL,
  text         text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  authority    text NOT NULL CHECK (length(authority) BETWEEN 1 AND 200),
  added_by     text REFERENCES users(id),
  added_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX birth_act_mentions_act_idx ON birth_act_mentions (act_id, added_at);

-- Health facilities (maternities, health centres) whose staff start birth declarations for the parents
-- (assisted mode): the members of a team of such an administration are its health-centre agents.
CREATE TABLE civil_health_facilities (
  administration_id text PRIMARY KEY REFERENCES administrations(id),
  country           text NOT NULL,
  name              text NOT NULL,
  commune_code      text NOT NULL
);

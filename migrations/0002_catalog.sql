-- The information portal: administrations, service points and procedure fiches in several languages.

-- French stemming that ignores accents: "déclaration" and "declaration" are the same word to a searcher.
CREATE TEXT SEARCH CONFIGURATION guichet_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION guichet_fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION guichet_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION guichet_en
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION guichet_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION guichet_simple
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

CREATE TABLE administrations (
  id         text PRIMARY KEY,
  code       text NOT NULL UNIQUE,
  country    text NOT NULL,
  parent_id  text REFERENCES administrations(id),
  name       text NOT NULL,
  acronym    text
);

CREATE TABLE service_points (
  id                text PRIMARY KEY,
  code              text NOT NULL UNIQUE,
  country           text NOT NULL,
  administration_id text NOT NULL REFERENCES administrations(id),
  name              text NOT NULL,
  address           text NOT NULL,
  city              text NOT NULL,
  hours             text,
  phone             text,
  latitude          double precision,
  longitude         double precision
);

CREATE TABLE procedures (
  id                text PRIMARY KEY,
  country           text NOT NULL,
  slug              text NOT NULL,
  category          text NOT NULL,
  administration_id text NOT NULL REFERENCES administrations(id),
  popularity        integer NOT NULL DEFAULT 0,
  cost_xof          integer CHECK (cost_xof >= 0),
  delay_days        integer CHECK (delay_days >= 0),
  online_available  boolean NOT NULL DEFAULT false,
  online_url        text,
  published         boolean NOT NULL DEFAULT true,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (country, slug)
);
CREATE INDEX procedures_category_idx ON procedures (country, category);

-- One row per procedure and language. Missing fields fall back to French when shown.
CREATE TABLE procedure_texts (
  procedure_id text NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  locale       text NOT NULL,
  title        text,
  summary      text,
  who          text,
  steps        jsonb NOT NULL DEFAULT '[]',
  documents    jsonb NOT NULL DEFAULT '[]',
  cost_note    text,
  delay        text,
  legal_basis  jsonb NOT NULL DEFAULT '[]',
  complaint    text,
  search       tsvector,
  PRIMARY KEY (procedure_id, locale)
);
CREATE INDEX procedure_texts_search_idx ON procedure_texts USING gin (search);

CREATE TABLE procedure_service_points (
  procedure_id     text NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  service_point_id text NOT NULL REFERENCES service_points(id) ON DELETE CASCADE,
  PRIMARY KEY (procedure_id, service_point_id)
);

CREATE TABLE procedure_audio (
  procedure_id text NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  locale       text NOT NULL,
  blob_key     text NOT NULL,
  mime         text NOT NULL,
  size         integer NOT NULL,
  uploaded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (procedure_id, locale)
);

-- The words of every fiche, unaccented: the vocabulary that typo correction in search chooses from.
CREATE TABLE search_words (
  word text PRIMARY KEY
);
CREATE INDEX search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops);

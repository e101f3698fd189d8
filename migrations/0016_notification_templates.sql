-- What a procedure's administration tells its applicants at each step, in its own words: per kind of news
-- (the kinds of src/modules/dossiers/notify-applicant.ts) and per language, an SMS and an e-mail (subject and
-- body). Without a row the platform's text (locales/*.json) is sent; the choice is made at sending time
-- (decision 0014). A language other than French needs the French row first: the service layer keeps that.

CREATE TABLE procedure_notification_templates (
  procedure_id text NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('submitted', 'correction', 'in_review', 'accepted', 'refused', 'closed', 'reopened', 'message')),
  locale       text NOT NULL CHECK (locale IN ('fr', 'en', 'ha', 'dje', 'wo')),
  sms          text NOT NULL CHECK (length(sms) BETWEEN 1 AND 1000),
  subject      text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  updated_by   text,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  -- The sending path reads (procedure, kind, applicant's language or French) through this key.
  PRIMARY KEY (procedure_id, kind, locale)
);

-- Platform tables: accounts, sessions, one-time codes, throttling counters, the job outbox and notifications.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
  id            text PRIMARY KEY,
  phone         text UNIQUE,
  email         text UNIQUE,
  password_hash text,
  name          text,
  role          text NOT NULL DEFAULT 'applicant' CHECK (role IN ('applicant', 'agent', 'manager', 'operator')),
  administration_id text,
  locale        text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz,
  CHECK (phone IS NOT NULL OR email IS NOT NULL)
);

CREATE TABLE sessions (
  id_hash     text PRIMARY KEY,
  user_id     text REFERENCES users(id) ON DELETE CASCADE,
  csrf_token  text NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE otp_codes (
  id          text PRIMARY KEY,
  phone       text NOT NULL,
  code_hash   text NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX otp_codes_phone_idx ON otp_codes (phone, created_at DESC);

-- Fixed-window counters shared by every instance (login and OTP limits must hold across a cluster).
CREATE TABLE throttle (
  key          text NOT NULL,
  window_start timestamptz NOT NULL,
  count        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (key, window_start)
);

-- Transactional outbox: a job is written in the same transaction as the change that causes it.
CREATE TABLE jobs (
  id          text PRIMARY KEY,
  kind        text NOT NULL,
  payload     jsonb NOT NULL,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts    integer NOT NULL DEFAULT 0,
  run_after   timestamptz NOT NULL DEFAULT now(),
  last_error  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  done_at     timestamptz
);
CREATE INDEX jobs_pending_idx ON jobs (run_after) WHERE status = 'pending';

-- Every message the platform sends, kept for the record (and shown by /dev/outbox outside production).
CREATE TABLE notifications (
  id          text PRIMARY KEY,
  channel     text NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient   text NOT NULL,
  subject     text,
  body        text NOT NULL,
  status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz
);
CREATE INDEX notifications_created_idx ON notifications (created_at DESC);

-- A counter per kind of published content, bumped in the transaction that changes it. Every instance reads
-- it at most once a second to know whether the pages it keeps ready are still current.
CREATE TABLE content_versions (
  name    text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0
);

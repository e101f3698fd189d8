-- The back office's people: how a staff member proves the second factor, the browsers they chose to trust,
-- and the invitations that bring agents and managers into an administration.

-- One second factor per staff member. A TOTP secret has to be readable to compute codes, so it is kept as
-- is (base32); `totp_last_step` is the last time step accepted, which makes every code single-use.
CREATE TABLE staff_second_factors (
  user_id        text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  method         text NOT NULL CHECK (method IN ('totp', 'sms', 'email')),
  totp_secret    text,
  totp_last_step integer, -- 30-second steps since 1970: fits an integer until the year 4010
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (method <> 'totp' OR totp_secret IS NOT NULL)
);

-- Codes sent by SMS or e-mail for the second step: hashed, short-lived, limited in attempts.
CREATE TABLE staff_codes (
  id          text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash   text NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX staff_codes_user_idx ON staff_codes (user_id, created_at DESC);

-- A browser trusted for 30 days skips the second step: its cookie holds a random token, only the hash is here.
CREATE TABLE trusted_devices (
  token_hash  text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX trusted_devices_user_idx ON trusted_devices (user_id);
CREATE INDEX trusted_devices_expires_idx ON trusted_devices (expires_at);

-- An invitation link (sent by e-mail or SMS) that lets a person create their staff account once, within 7
-- days. The TOTP secret the invitee will enrol is drawn with the invitation so the page can show it again.
CREATE TABLE staff_invitations (
  id                text PRIMARY KEY,
  token_hash        text NOT NULL UNIQUE,
  administration_id text NOT NULL REFERENCES administrations(id),
  team_id           text REFERENCES teams(id) ON DELETE SET NULL,
  role              text NOT NULL CHECK (role IN ('agent', 'manager')),
  email             text,
  phone             text,
  totp_secret       text NOT NULL,
  invited_by        text REFERENCES users(id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  expires_at        timestamptz NOT NULL,
  accepted_at       timestamptz,
  accepted_user_id  text REFERENCES users(id) ON DELETE SET NULL,
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
CREATE INDEX staff_invitations_admin_idx ON staff_invitations (administration_id, created_at DESC);

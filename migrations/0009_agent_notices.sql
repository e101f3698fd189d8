-- What agents hear about their teams' dossiers, and how: each event as it comes, a daily digest, or nothing.

CREATE TABLE agent_preferences (
  user_id         text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  notices         text NOT NULL DEFAULT 'each' CHECK (notices IN ('each', 'digest', 'none')),
  last_digest_at  timestamptz
);

-- The worker tells the team of each new dossier, corrected dossier and applicant's message once; these flags
-- say which are done (rows from before this migration count as told).
ALTER TABLE dossier_events ADD COLUMN agents_told boolean NOT NULL DEFAULT false;
UPDATE dossier_events SET agents_told = true;
CREATE INDEX dossier_events_untold_idx ON dossier_events (created_at)
  WHERE NOT agents_told AND kind IN ('submitted', 'correction_answered');

ALTER TABLE dossier_messages ADD COLUMN agents_told boolean NOT NULL DEFAULT false;
UPDATE dossier_messages SET agents_told = true;
CREATE INDEX dossier_messages_untold_idx ON dossier_messages (created_at) WHERE NOT agents_told AND from_applicant;

-- What waits for an agent's next daily digest.
CREATE TABLE agent_digest_items (
  id          text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  dossier_id  text NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  kind        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_digest_items_user_idx ON agent_digest_items (user_id, created_at);

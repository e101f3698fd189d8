-- The inbox as each agent arranges it: the columns he chose, in his order (null: the default ones), and the
-- indexes that let him sort a tab by its deadline or its last change as fast as by its submission date.

ALTER TABLE agent_preferences ADD COLUMN inbox_columns jsonb;

-- A dossier without a deadline sorts after every dated one: the key is never null, so the keyset cursor
-- stays a plain (key, id) pair. The constant carries its offset so that it means the same instant in every
-- session's time zone (the inbox query writes the very same expression, which is how the planner finds it).
CREATE INDEX dossiers_team_due_idx ON dossiers (team_id, stage, (coalesce(due_at, '9999-12-31 00:00:00+00'::timestamptz)), id) WHERE stage IS NOT NULL;
CREATE INDEX dossiers_admin_due_idx ON dossiers (administration_id, stage, (coalesce(due_at, '9999-12-31 00:00:00+00'::timestamptz)), id) WHERE stage IS NOT NULL;
CREATE INDEX dossiers_team_updated_idx ON dossiers (team_id, stage, updated_at, id) WHERE stage IS NOT NULL;
CREATE INDEX dossiers_admin_updated_idx ON dossiers (administration_id, stage, updated_at, id) WHERE stage IS NOT NULL;

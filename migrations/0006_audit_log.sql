-- The audit log: one row per sensitive access or decision, chained by SHA-256 (see docs/decisions/0009).
-- No foreign keys: entries must outlive the accounts, dossiers and administrations they name.
CREATE TABLE audit_log (
  seq               bigint PRIMARY KEY CHECK (seq > 0),
  at                timestamptz NOT NULL,
  actor_id          text,
  action            text NOT NULL,
  subject_type      text,
  subject_id        text,
  administration_id text,
  details           jsonb NOT NULL DEFAULT '{}',
  prev_hash         text NOT NULL,
  hash              text NOT NULL
);
-- A manager's page: one administration's entries, newest first, continued by seq (keyset).
CREATE INDEX audit_log_administration_idx ON audit_log (administration_id, seq DESC);

-- The head: the last seq and hash, on one row. Appenders lock this row to take their turn, and the verifier
-- compares it with the last entry, so entries deleted from the end of the log do not go unnoticed.
CREATE TABLE audit_head (
  id    boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq   bigint NOT NULL,
  hash  text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (true, 0, repeat('0', 64));

-- Append-only in the database itself, whatever the application does. A statement trigger also refuses an
-- UPDATE or DELETE that matches no row, so a mistaken query fails loudly in tests instead of doing nothing.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit entries are never changed or removed; append a new entry instead.';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- The head only moves forward, one step at a time, and never disappears.
CREATE FUNCTION audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.seq = OLD.seq + 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_head only advances by one entry: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_guard();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_head_guard();

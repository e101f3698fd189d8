-- Timers of the back office: reminders to the team before a dossier's legal deadline, and the worker's
-- decision when the administration stays silent past it (procedure_processing.silence).

-- How many days before the deadline the team is reminded (0: never). Capped so that the worker's search for
-- dossiers to remind reads a bounded slice of the deadline index.
ALTER TABLE procedure_processing ADD COLUMN reminder_days integer NOT NULL DEFAULT 3 CHECK (reminder_days BETWEEN 0 AND 30);

-- When the team was last reminded. A reminder older than the current reminder window (the deadline moved,
-- e.g. after a correction stopped the clock) lets one more go out; otherwise a dossier is reminded once.
ALTER TABLE dossiers ADD COLUMN reminded_at timestamptz;

-- Open dossiers by deadline: what the worker scans every run, for reminders and for silence decisions.
CREATE INDEX dossiers_open_due_idx ON dossiers (due_at) WHERE status IN ('submitted', 'in_review') AND due_at IS NOT NULL;

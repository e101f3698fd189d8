-- A decision (accepted, refused, closed without action) may carry one file, e.g. the signed letter. It is a
-- dossier attachment like the others (same blob store, same download routes and checks), tied to the timeline
-- event of the decision. A file belongs to at most one of: an answer, a message, a decision.
ALTER TABLE dossier_attachments ADD COLUMN event_id text REFERENCES dossier_events(id) ON DELETE CASCADE;
ALTER TABLE dossier_attachments ADD CONSTRAINT dossier_attachments_one_owner CHECK (num_nonnulls(field, message_id, event_id) <= 1);

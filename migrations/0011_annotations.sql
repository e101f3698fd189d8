-- The agents' private annotations on a dossier: the answers to the procedure's private fields. Kept beside the
-- dossier rather than in dossiers.answers, so that no reader of the applicant's answers (their pages, the API,
-- a correction, which rewrites the answers) can show them or drop them. One row per annotated dossier.

CREATE TABLE dossier_annotations (
  dossier_id  text PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,
  answers     jsonb NOT NULL,
  updated_by  text REFERENCES users(id) ON DELETE SET NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Labels that managers define for their administration ("pièce manquante", "urgent", "à signer") and agents
-- put on dossiers, to sort and filter the inbox.

CREATE TABLE labels (
  id                text PRIMARY KEY,
  administration_id text NOT NULL REFERENCES administrations(id) ON DELETE CASCADE,
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  UNIQUE (administration_id, name)
);

CREATE TABLE dossier_labels (
  dossier_id text NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
  label_id   text NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
  PRIMARY KEY (dossier_id, label_id)
);
CREATE INDEX dossier_labels_label_idx ON dossier_labels (label_id, dossier_id);

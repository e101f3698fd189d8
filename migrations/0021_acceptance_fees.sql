-- Fees owed once a request is accepted (« accepté, payez pour recevoir »), decision 0017, section
-- « A fee asked by the decision ». The same payments, attempts and notifications as fees at submission.

-- An accepted dossier whose form declares `feeOnAcceptance` owes it here. The row is written the first time
-- the dossier is seen accepted (its page, a download, the payment page): the amount is computed then from
-- the answers filed and kept, so a later form revision does not change what was asked.
CREATE TABLE acceptance_dues (
  dossier_id   text PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,
  amount       integer NOT NULL CHECK (amount > 0),
  label        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  -- Set in the transaction of the provider's confirmation, with the payment that settled it.
  paid_at      timestamptz,
  payment_id   text
);

-- What an attempt pays for: the fee of the submission (the held draft) or the fee asked on acceptance.
-- Existing attempts all paid submissions.
ALTER TABLE payments ADD COLUMN purpose text NOT NULL DEFAULT 'submission' CHECK (purpose IN ('submission', 'acceptance'));

-- Fees paid by mobile money (docs/decisions/0017-payments.md).

-- A dossier whose procedure asks a fee waits here, still a draft, from the applicant's "Déposer" until a
-- provider confirms the payment: the answers checked at that moment (what is paid for is what is filed),
-- the one-time key of the submit form (the same click again finds this row) and the amount owed.
CREATE TABLE payment_dues (
  dossier_id   text PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,
  amount       integer NOT NULL CHECK (amount > 0),
  submit_key   text NOT NULL UNIQUE,
  answers      jsonb NOT NULL,
  label        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  -- Set in the transaction that files the dossier, with the payment that settled it.
  paid_at      timestamptz,
  payment_id   text
);

-- One row per attempt to pay. Its id is the transaction id sent to the provider.
CREATE TABLE payments (
  id               text PRIMARY KEY,
  dossier_id       text NOT NULL REFERENCES dossiers(id) ON DELETE RESTRICT,
  status           text NOT NULL DEFAULT 'created'
                   CHECK (status IN ('created', 'pending', 'succeeded', 'failed', 'expired', 'refunded')),
  amount_expected  integer NOT NULL CHECK (amount_expected > 0),
  -- What the provider says was paid, once it says so (may differ: then the payment is flagged, not paid).
  amount_confirmed integer,
  currency         text NOT NULL DEFAULT 'XOF',
  provider         text NOT NULL,
  operator         text NOT NULL,
  payer_phone      text NOT NULL,
  -- The provider's own transaction id and, for redirect providers, the page the payer was sent to.
  provider_ref     text,
  redirect_url     text,
  -- Money received that could not settle the dossier: a wrong amount, a second payment, a success after
  -- expiry. Such a payment waits for a manager (refund or reconciliation); it is never lost.
  flag             text CHECK (flag IN ('amount-mismatch', 'duplicate', 'late')),
  failure          text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  confirmed_at     timestamptz,
  refunded_at      timestamptz,
  refunded_by      text REFERENCES users(id) ON DELETE SET NULL,
  refund_reason    text,
  -- The sealed receipt (documents module), issued in the transaction that confirmed the payment.
  receipt_document_id text,
  UNIQUE (provider, provider_ref)
);
CREATE INDEX payments_dossier_idx ON payments (dossier_id, created_at DESC);
-- The maintenance loop expires attempts nobody answered.
CREATE INDEX payments_open_idx ON payments (expires_at) WHERE status IN ('created', 'pending');
CREATE INDEX payments_day_idx ON payments (confirmed_at) WHERE confirmed_at IS NOT NULL;
CREATE INDEX payments_flagged_idx ON payments (created_at) WHERE flag IS NOT NULL;

-- Every message a provider sent us, kept as received (headers and raw body), verified or not. A verified
-- event is recorded once: the same notification delivered again finds its row and changes nothing.
-- Rejected ones (bad signature) take no unique slot, so a forger cannot squat a real event's id.
CREATE TABLE payment_events (
  id                 text PRIMARY KEY,
  payment_id         text REFERENCES payments(id) ON DELETE SET NULL,
  provider           text NOT NULL,
  provider_event_id  text NOT NULL,
  verified           boolean NOT NULL,
  -- What it did: succeeded, failed, flagged, duplicate, ignored, rejected, unknown-payment.
  outcome            text NOT NULL,
  headers            jsonb NOT NULL,
  body               text NOT NULL,
  received_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX payment_events_once ON payment_events (provider, provider_event_id) WHERE verified;
CREATE INDEX payment_events_payment_idx ON payment_events (payment_id, received_at);

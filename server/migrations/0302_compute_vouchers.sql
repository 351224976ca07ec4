-- Compute network II, vouchers (算力券): the province's policy with its pool ledger, the parties' registration
-- (credit code, legal representative, shareholders) for the affiliation rule, and claims from application to
-- settlement. The ledger's CHECKs are the last line: committed + redeemed + paid never exceed the pool, none negative.
CREATE TABLE compute.voucher_policy (
  id uuid PRIMARY KEY,
  year integer NOT NULL,
  name text NOT NULL,
  pool_fen bigint NOT NULL CHECK (pool_fen > 0),
  ratio_basis_points integer NOT NULL CHECK (ratio_basis_points BETWEEN 1 AND 10000),
  per_enterprise_cap_fen bigint NOT NULL CHECK (per_enterprise_cap_fen > 0),
  split_window_days integer NOT NULL,
  status text NOT NULL CHECK (status IN ('active','closed')),
  committed_fen bigint NOT NULL DEFAULT 0 CHECK (committed_fen >= 0),
  redeemed_fen bigint NOT NULL DEFAULT 0 CHECK (redeemed_fen >= 0),
  paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
  created_at timestamptz NOT NULL,
  CHECK (committed_fen + redeemed_fen + paid_fen <= pool_fen)
);
--> statement-breakpoint
CREATE UNIQUE INDEX voucher_policy_active_year ON compute.voucher_policy (year) WHERE status = 'active';
--> statement-breakpoint
CREATE TABLE compute.party_profile (
  organisation_id uuid PRIMARY KEY,
  organisation_name text NOT NULL,
  credit_code varchar(18) NOT NULL,
  legal_rep_sealed text NOT NULL,
  legal_rep_masked text NOT NULL,
  legal_rep_digest text NOT NULL,
  shareholder_digests text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX party_profile_credit_idx ON compute.party_profile (credit_code);
--> statement-breakpoint
CREATE TABLE compute.voucher_claim (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,
  policy_id uuid NOT NULL REFERENCES compute.voucher_policy(id),
  applicant_org_id uuid NOT NULL,
  applicant_name text NOT NULL,
  supplier_org_id uuid NOT NULL,
  supplier_name text NOT NULL,
  order_id uuid NOT NULL REFERENCES compute.market_order(id),
  contract_number text NOT NULL,
  contract_amount_fen bigint NOT NULL CHECK (contract_amount_fen > 0),
  contract_signed_on date NOT NULL,
  contract_sha256 char(64) NOT NULL,
  voucher_fen bigint NOT NULL CHECK (voucher_fen >= 0),
  redeem_fen bigint CHECK (redeem_fen >= 0),
  status text NOT NULL CHECK (status IN ('submitted','rejected','issued','redemption_submitted','verified','audited','redemption_rejected','paid','settled')),
  checks jsonb NOT NULL,
  flagged boolean NOT NULL,
  invoice_number text,
  invoice_amount_fen bigint,
  payment_reference text,
  usage_card_hours double precision,
  third_party_check text,
  finance_reference text,
  review_score integer,
  review_note text,
  simulated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
--> statement-breakpoint
-- One live claim per contract (of a supplier) and per order: a refused claim frees them.
CREATE UNIQUE INDEX voucher_claim_contract_uq ON compute.voucher_claim (supplier_org_id, contract_number)
  WHERE status NOT IN ('rejected');
--> statement-breakpoint
CREATE UNIQUE INDEX voucher_claim_order_uq ON compute.voucher_claim (order_id) WHERE status NOT IN ('rejected');
--> statement-breakpoint
CREATE INDEX voucher_claim_applicant_idx ON compute.voucher_claim (applicant_org_id, policy_id);
--> statement-breakpoint
CREATE INDEX voucher_claim_status_idx ON compute.voucher_claim (status, created_at);
--> statement-breakpoint
CREATE TABLE compute.voucher_claim_event (
  id bigserial PRIMARY KEY,
  claim_id uuid NOT NULL REFERENCES compute.voucher_claim(id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  status text NOT NULL,
  actor text NOT NULL,
  note text
);
--> statement-breakpoint
CREATE INDEX voucher_claim_event_claim_idx ON compute.voucher_claim_event (claim_id, id);

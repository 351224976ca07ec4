-- Compute network II, round 4: the signed contract file of a voucher claim (stored, its SHA-256 checked against the
-- claim), the third party's check (第三方核查) as its own step by its own role, and an index for the supermarket's
-- default search (published offers by price).
CREATE TABLE compute.voucher_contract_file (
  claim_id uuid PRIMARY KEY REFERENCES compute.voucher_claim(id) ON DELETE CASCADE,
  filename text NOT NULL,
  type text NOT NULL CHECK (type IN ('pdf','png','jpg')),
  size integer NOT NULL CHECK (size > 0),
  sha256 char(64) NOT NULL,
  data bytea NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL
);
--> statement-breakpoint
ALTER TABLE compute.voucher_claim
  ADD COLUMN third_party_passed boolean,
  ADD COLUMN third_party_by text,
  ADD COLUMN third_party_at timestamptz;
--> statement-breakpoint
ALTER TABLE compute.voucher_claim DROP CONSTRAINT voucher_claim_status_check;
--> statement-breakpoint
ALTER TABLE compute.voucher_claim ADD CONSTRAINT voucher_claim_status_check CHECK (status IN ('submitted','rejected','issued','redemption_submitted','third_party_checked','verified','audited','redemption_rejected','paid','settled'));
--> statement-breakpoint
CREATE INDEX offer_published_price_idx ON compute.offer (price_fen_per_card_hour, id) WHERE status = 'published';

-- 便民设施供需对接 III: the county's adjustments of a proposed matching round (drop a pair, reassign a need), each
-- with its reason, listed on the round's page; the confirmation then confirms the adjusted round. Forward-only.
CREATE TABLE communities.round_adjustment (
  id uuid PRIMARY KEY,
  round_id uuid NOT NULL REFERENCES communities.match_round (id),
  seq integer NOT NULL CHECK (seq > 0),
  action varchar(16) NOT NULL CHECK (action IN ('drop', 'reassign')),
  need_id uuid NOT NULL REFERENCES communities.need (id),
  from_offer_id uuid REFERENCES communities.offer (id),
  to_offer_id uuid REFERENCES communities.offer (id),
  reason text NOT NULL,
  adjusted_by uuid NOT NULL,
  adjusted_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX round_adjustment_round_idx ON communities.round_adjustment (round_id, seq);

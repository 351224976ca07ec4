-- 优秀案例动态打榜 III: near-duplicate detection. Forward-only: never edit once landed.
-- Near-duplicates: each case's MinHash band keys (see duplicates.ts); cases sharing a key are compared exactly.
CREATE TABLE scenarios.case_band (
  case_id uuid NOT NULL REFERENCES scenarios.scenario_case(id),
  band_key text NOT NULL,
  PRIMARY KEY (case_id, band_key)
);
--> statement-breakpoint
CREATE INDEX case_band_key_idx ON scenarios.case_band (band_key);
--> statement-breakpoint
-- A pair found similar, and what a reviewer made of it: nothing is merged silently.
CREATE TABLE scenarios.similar_case (
  case_id uuid NOT NULL REFERENCES scenarios.scenario_case(id),
  other_id uuid NOT NULL REFERENCES scenarios.scenario_case(id),
  similarity double precision NOT NULL,
  status text NOT NULL CHECK (status IN ('open','linked','dismissed')),
  found_at timestamptz NOT NULL,
  decided_by uuid,
  decided_at timestamptz,
  PRIMARY KEY (case_id, other_id)
);

-- 优秀案例动态打榜 II: rounds with weights, drawn experts and their reviews, public votes (held when part of a burst),
-- and each case's standing in a round. Forward-only: never edit once landed.
CREATE TABLE scenarios.round (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('quarter','final')),
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  status text NOT NULL CHECK (status IN ('open','closed')),
  weights jsonb NOT NULL,
  prior_reviews integer NOT NULL DEFAULT 3 CHECK (prior_reviews BETWEEN 0 AND 100),
  -- The round mean and spread of expert totals that shrinkage pulls toward, re-estimated at each full recompute;
  -- the incremental refresh uses these, so every case in the round is scored against the same prior.
  prior_mean double precision,
  prior_sd double precision,
  previous_round_id uuid REFERENCES scenarios.round(id),
  -- The newest vote id the board has classified and counted: the refresh takes the votes after it.
  vote_watermark bigint NOT NULL DEFAULT 0,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL,
  closed_at timestamptz,
  computed_at timestamptz
);
--> statement-breakpoint
-- One open round at a time: votes and reviews go to it without the client naming it.
CREATE UNIQUE INDEX round_one_open ON scenarios.round ((status)) WHERE status = 'open';
--> statement-breakpoint
CREATE TABLE scenarios.expert_assignment (
  round_id uuid NOT NULL REFERENCES scenarios.round(id),
  case_id uuid NOT NULL REFERENCES scenarios.scenario_case(id),
  expert_user_id uuid NOT NULL,
  seed bigint NOT NULL,
  drawn_at timestamptz NOT NULL,
  PRIMARY KEY (round_id, case_id, expert_user_id)
);
--> statement-breakpoint
CREATE INDEX expert_assignment_expert_idx ON scenarios.expert_assignment (expert_user_id, round_id);
--> statement-breakpoint
CREATE TABLE scenarios.review (
  round_id uuid NOT NULL,
  case_id uuid NOT NULL,
  expert_user_id uuid NOT NULL,
  scores jsonb NOT NULL,
  total double precision NOT NULL CHECK (total BETWEEN 0 AND 100),
  comment text NOT NULL DEFAULT '',
  at timestamptz NOT NULL,
  PRIMARY KEY (round_id, case_id, expert_user_id),
  FOREIGN KEY (round_id, case_id, expert_user_id) REFERENCES scenarios.expert_assignment (round_id, case_id, expert_user_id)
);
--> statement-breakpoint
-- A voting device: an HMAC of the random cookie the server gave it (never the cookie itself), and when it was first
-- seen, which the burst rule reads.
CREATE TABLE scenarios.device (
  digest text PRIMARY KEY,
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL
);
--> statement-breakpoint
CREATE TABLE scenarios.vote (
  id bigserial PRIMARY KEY,
  round_id uuid NOT NULL REFERENCES scenarios.round(id),
  case_id uuid NOT NULL REFERENCES scenarios.scenario_case(id),
  device text NOT NULL,
  -- HMAC of the client's network (IPv4 /24, IPv6 /48): bursts from one network are found without keeping addresses.
  network text NOT NULL,
  approve boolean NOT NULL,
  phone_verified boolean NOT NULL DEFAULT false,
  status text NOT NULL CHECK (status IN ('pending','counted','held','rejected')),
  hold_reason text,
  device_first_seen timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  CONSTRAINT vote_one_per_device UNIQUE (round_id, case_id, device)
);
--> statement-breakpoint
CREATE INDEX vote_case_idx ON scenarios.vote (round_id, case_id, status, approve);
--> statement-breakpoint
CREATE INDEX vote_window_idx ON scenarios.vote (round_id, case_id, created_at);
--> statement-breakpoint
CREATE INDEX vote_pending_idx ON scenarios.vote (round_id, id) WHERE status = 'pending';
--> statement-breakpoint
CREATE INDEX vote_device_idx ON scenarios.vote (device);
--> statement-breakpoint
-- Cases whose standing must be recomputed (a review, a hold released, a replication confirmed, a case accepted).
CREATE TABLE scenarios.dirty_case (
  round_id uuid NOT NULL,
  case_id uuid NOT NULL,
  PRIMARY KEY (round_id, case_id)
);
--> statement-breakpoint
CREATE TABLE scenarios.standing (
  round_id uuid NOT NULL REFERENCES scenarios.round(id),
  case_id uuid NOT NULL REFERENCES scenarios.scenario_case(id),
  domain text NOT NULL,
  city_code varchar(12) NOT NULL,
  score double precision NOT NULL,
  low double precision NOT NULL,
  high double precision NOT NULL,
  components jsonb NOT NULL,
  evidence integer NOT NULL,
  votes_up integer NOT NULL DEFAULT 0,
  votes_total integer NOT NULL DEFAULT 0,
  votes_held integer NOT NULL DEFAULT 0,
  review_count integer NOT NULL DEFAULT 0,
  review_sum double precision NOT NULL DEFAULT 0,
  replications integer NOT NULL DEFAULT 0,
  monthly_usage bigint NOT NULL DEFAULT 0,
  -- Frozen when the round closes: the next round's movement compares with these.
  final_rank integer,
  final_domain_rank integer,
  final_city_rank integer,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (round_id, case_id)
);
--> statement-breakpoint
CREATE INDEX standing_score_idx ON scenarios.standing (round_id, score DESC);
--> statement-breakpoint
CREATE INDEX standing_domain_idx ON scenarios.standing (round_id, domain, score DESC);
--> statement-breakpoint
CREATE INDEX standing_city_idx ON scenarios.standing (round_id, city_code, score DESC);
--> statement-breakpoint
-- 由点及面: a region's adoption of a case (its own local case when it filed one, with evidence), confirmed by the
-- adopter's city. Only confirmed adoptions count on the board.
CREATE TABLE scenarios.replication (
  id uuid PRIMARY KEY,
  source_case_id uuid NOT NULL REFERENCES scenarios.scenario_case(id),
  adopter_region varchar(12) NOT NULL,
  adopter_city varchar(12) NOT NULL,
  adopter_case_id uuid REFERENCES scenarios.scenario_case(id),
  evidence text NOT NULL,
  adopted_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('claimed','confirmed','rejected')),
  reason text,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL,
  decided_by uuid,
  decided_at timestamptz,
  CONSTRAINT replication_once UNIQUE (source_case_id, adopter_region)
);
--> statement-breakpoint
CREATE INDEX replication_source_idx ON scenarios.replication (source_case_id, status);
--> statement-breakpoint
-- 现场会 / 观摩会 / 巡讲: where cases were shown and to whom; adoptions after an event are traced back to it.
CREATE TABLE scenarios.promotion_event (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('onsite','visit','tour')),
  title text NOT NULL,
  held_on date NOT NULL,
  place text NOT NULL,
  host_region varchar(12) NOT NULL,
  case_ids uuid[] NOT NULL,
  attending_regions text[] NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL
);

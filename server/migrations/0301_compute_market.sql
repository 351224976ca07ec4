-- Compute network II, the supermarket (算力超市): offers published by data centres, the province's workload
-- throughput table (seeded from Gavel's published measurements), orders with their history and metered usage.
-- Money is integer fen (bigint).
CREATE TABLE compute.offer (
  id uuid PRIMARY KEY,
  data_centre_id uuid NOT NULL REFERENCES compute.data_centre(id) ON DELETE CASCADE,
  model_id text NOT NULL REFERENCES compute.device_model(id),
  cards integer NOT NULL CHECK (cards > 0),
  memory_gb integer NOT NULL CHECK (memory_gb > 0),
  interconnect text NOT NULL,
  price_fen_per_card_hour bigint NOT NULL CHECK (price_fen_per_card_hour > 0),
  billing text NOT NULL CHECK (billing IN ('on_demand','monthly','reserved')),
  available_from timestamptz NOT NULL,
  available_until timestamptz NOT NULL,
  min_lease_hours integer NOT NULL CHECK (min_lease_hours > 0),
  note text,
  status text NOT NULL CHECK (status IN ('published','withdrawn')),
  simulated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (available_until > available_from)
);
--> statement-breakpoint
CREATE INDEX offer_centre_idx ON compute.offer (data_centre_id, model_id);
--> statement-breakpoint
CREATE INDEX offer_search_idx ON compute.offer (status, model_id, price_fen_per_card_hour);
--> statement-breakpoint
CREATE TABLE compute.workload_throughput (
  family text NOT NULL,
  scale integer NOT NULL CHECK (scale > 0),
  model_id text NOT NULL REFERENCES compute.device_model(id),
  steps_per_second double precision NOT NULL CHECK (steps_per_second >= 0),
  source text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (family, scale, model_id)
);
--> statement-breakpoint
CREATE TABLE compute.market_order (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,
  offer_id uuid NOT NULL REFERENCES compute.offer(id),
  data_centre_id uuid NOT NULL REFERENCES compute.data_centre(id),
  model_id text NOT NULL,
  buyer_org_id uuid NOT NULL,
  buyer_name text NOT NULL,
  supplier_org_id uuid NOT NULL,
  supplier_name text NOT NULL,
  cards integer NOT NULL CHECK (cards > 0),
  hours integer NOT NULL CHECK (hours > 0),
  start_at timestamptz NOT NULL,
  price_fen_per_card_hour bigint NOT NULL CHECK (price_fen_per_card_hour > 0),
  min_lease_hours integer NOT NULL,
  estimate_fen bigint NOT NULL CHECK (estimate_fen >= 0),
  status text NOT NULL CHECK (status IN ('requested','confirmed','active','billed','paid','cancelled','rejected')),
  metered_card_hours double precision NOT NULL DEFAULT 0 CHECK (metered_card_hours >= 0),
  billed_fen bigint CHECK (billed_fen >= 0),
  payment_reference text,
  workload_note text,
  voucher_eligible boolean NOT NULL,
  simulated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX market_order_buyer_idx ON compute.market_order (buyer_org_id, created_at);
--> statement-breakpoint
CREATE INDEX market_order_supplier_idx ON compute.market_order (supplier_org_id, created_at);
--> statement-breakpoint
CREATE INDEX market_order_offer_idx ON compute.market_order (offer_id, status);
--> statement-breakpoint
CREATE TABLE compute.market_order_event (
  id bigserial PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES compute.market_order(id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  status text NOT NULL,
  actor text NOT NULL,
  note text
);
--> statement-breakpoint
CREATE INDEX market_order_event_order_idx ON compute.market_order_event (order_id, id);
--> statement-breakpoint
CREATE TABLE compute.order_usage (
  id bigserial PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES compute.market_order(id) ON DELETE CASCADE,
  period_from timestamptz NOT NULL,
  period_to timestamptz NOT NULL,
  card_hours double precision NOT NULL CHECK (card_hours >= 0),
  source text NOT NULL CHECK (source IN ('api','metrics')),
  recorded_at timestamptz NOT NULL,
  recorded_by text NOT NULL,
  CHECK (period_to > period_from)
);
--> statement-breakpoint
CREATE INDEX order_usage_order_idx ON compute.order_usage (order_id, period_from);

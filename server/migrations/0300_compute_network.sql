-- Compute network I: registry, zones, device catalogue, 纳统 reports, ingest tokens, downsampled metrics.
CREATE SCHEMA IF NOT EXISTS compute;
--> statement-breakpoint
CREATE TABLE compute.zone (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('core','cluster','edge')),
  county_codes text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE TABLE compute.device_model (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('cpu_server','accelerator','super_node')),
  vendor text NOT NULL,
  name text NOT NULL,
  domestic boolean NOT NULL,
  fp64 double precision,
  fp32 double precision,
  fp16 double precision,
  int8 double precision,
  source text NOT NULL
);
--> statement-breakpoint
CREATE TABLE compute.data_centre (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  operator_org_id uuid NOT NULL,
  operator_name text NOT NULL,
  address text NOT NULL,
  lng double precision NOT NULL,
  lat double precision NOT NULL,
  county_code varchar(12) NOT NULL,
  city_code varchar(12) NOT NULL,
  zone_id uuid REFERENCES compute.zone(id),
  status text NOT NULL CHECK (status IN ('planned','building','operating','retired')),
  design_racks integer NOT NULL CHECK (design_racks >= 0),
  racks_in_use integer NOT NULL DEFAULT 0 CHECK (racks_in_use >= 0),
  power_capacity_kw double precision NOT NULL,
  design_pue double precision NOT NULL CHECK (design_pue >= 1),
  storage_pb double precision NOT NULL,
  last_ingest_at timestamptz,
  simulated boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX data_centre_operator_idx ON compute.data_centre (operator_org_id);
--> statement-breakpoint
CREATE INDEX data_centre_county_idx ON compute.data_centre (county_code);
--> statement-breakpoint
CREATE TABLE compute.inventory (
  data_centre_id uuid NOT NULL REFERENCES compute.data_centre(id) ON DELETE CASCADE,
  line integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('general','intelligent','supercomputing')),
  model_id text NOT NULL REFERENCES compute.device_model(id),
  count integer NOT NULL CHECK (count > 0),
  cluster_name text,
  PRIMARY KEY (data_centre_id, line)
);
--> statement-breakpoint
CREATE TABLE compute.monthly_report (
  id uuid PRIMARY KEY,
  data_centre_id uuid NOT NULL REFERENCES compute.data_centre(id) ON DELETE CASCADE,
  period char(7) NOT NULL,
  status text NOT NULL CHECK (status IN ('submitted','approved','rejected')),
  source text NOT NULL CHECK (source IN ('web','excel','api')),
  racks_in_use integer NOT NULL CHECK (racks_in_use >= 0),
  utilisation_pct double precision NOT NULL,
  energy_mwh double precision NOT NULL,
  measured_pue double precision NOT NULL CHECK (measured_pue >= 1),
  compute_in_use_pflops double precision NOT NULL,
  storage_used_pb double precision NOT NULL,
  explanation text,
  late boolean NOT NULL,
  submitted_at timestamptz NOT NULL,
  submitted_by text NOT NULL,
  decided_at timestamptz,
  decided_by text,
  decision_note text,
  total_pflops double precision,
  intelligent_pflops double precision,
  general_pflops double precision,
  super_pflops double precision,
  design_racks integer,
  clusters_1k integer,
  clusters_10k integer,
  UNIQUE (data_centre_id, period)
);
--> statement-breakpoint
CREATE INDEX monthly_report_period_idx ON compute.monthly_report (period, status);
--> statement-breakpoint
CREATE TABLE compute.ingest_token (
  data_centre_id uuid PRIMARY KEY REFERENCES compute.data_centre(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE TABLE compute.metric_series (
  id bigserial PRIMARY KEY,
  data_centre_id uuid NOT NULL REFERENCES compute.data_centre(id) ON DELETE CASCADE,
  metric_name text NOT NULL,
  series_key text NOT NULL,
  labels jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (data_centre_id, series_key)
);
--> statement-breakpoint
CREATE INDEX metric_series_metric_idx ON compute.metric_series (data_centre_id, metric_name);
--> statement-breakpoint
CREATE TABLE compute.metric_sample (
  series_id bigint NOT NULL REFERENCES compute.metric_series(id) ON DELETE CASCADE,
  bucket timestamptz NOT NULL,
  count integer NOT NULL,
  sum double precision NOT NULL,
  min double precision NOT NULL,
  max double precision NOT NULL,
  last double precision NOT NULL,
  last_ts bigint NOT NULL,
  PRIMARY KEY (series_id, bucket)
);

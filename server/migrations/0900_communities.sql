-- 智慧社区 (Smart communities): the module's own schema. Forward-only: never edit once landed.
CREATE SCHEMA communities;
--> statement-breakpoint
CREATE TABLE communities.community (
  code varchar(12) PRIMARY KEY,
  name text NOT NULL,
  street_code varchar(9) NOT NULL,
  county_code varchar(6) NOT NULL,
  urban boolean NOT NULL,
  households integer NOT NULL CHECK (households >= 0),
  population integer NOT NULL CHECK (population >= 0),
  elderly_pct double precision NOT NULL CHECK (elderly_pct >= 0 AND elderly_pct <= 100),
  grids integer NOT NULL CHECK (grids >= 0),
  property_company text,
  systems jsonb NOT NULL,
  contact_name_enc text NOT NULL,
  contact_name_masked text NOT NULL,
  contact_phone_enc text NOT NULL,
  contact_phone_masked text NOT NULL,
  tier varchar(16) CHECK (tier IN ('basic', 'growth', 'benchmark')),
  tier_year integer,
  tier_source varchar(16) CHECK (tier_source IN ('rated', 'demo')),
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX community_county_idx ON communities.community (county_code, tier);

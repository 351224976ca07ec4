-- 便民设施供需对接: offers, needs, county matching rounds and their pairs. Forward-only.
CREATE TABLE communities.offer (
  id uuid PRIMARY KEY,
  provider_id uuid NOT NULL,
  provider_name text NOT NULL,
  facility varchar(32) NOT NULL,
  counties jsonb NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  terms text NOT NULL,
  model text NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE TABLE communities.need (
  id uuid PRIMARY KEY,
  community_code varchar(12) NOT NULL REFERENCES communities.community (code),
  county_code varchar(6) NOT NULL,
  facility varchar(32) NOT NULL,
  priority integer NOT NULL CHECK (priority BETWEEN 1 AND 5),
  note text NOT NULL,
  status varchar(16) NOT NULL CHECK (status IN ('open', 'matched', 'agreed', 'installed')),
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX need_county_idx ON communities.need (county_code, status);
--> statement-breakpoint
CREATE TABLE communities.match_round (
  id uuid PRIMARY KEY,
  county_code varchar(6) NOT NULL,
  street_floor integer NOT NULL,
  provider_cap double precision NOT NULL,
  status varchar(16) NOT NULL CHECK (status IN ('proposed', 'confirmed')),
  solver text NOT NULL,
  needs integer NOT NULL,
  served integer NOT NULL,
  floor_shortfall jsonb NOT NULL,
  unmatched jsonb NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL,
  confirmed_by uuid,
  confirmed_at timestamptz
);
--> statement-breakpoint
CREATE TABLE communities.match (
  id uuid PRIMARY KEY,
  round_id uuid NOT NULL REFERENCES communities.match_round (id),
  need_id uuid NOT NULL REFERENCES communities.need (id),
  offer_id uuid NOT NULL REFERENCES communities.offer (id),
  status varchar(16) NOT NULL CHECK (status IN ('proposed', 'confirmed', 'agreed', 'installed')),
  explanation jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX match_round_idx ON communities.match (round_id);

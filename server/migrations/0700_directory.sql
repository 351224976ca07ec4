-- 名录库 (Directory) I: the expert library (专家库) with declared relations, and verifiable expert draws.
-- Forward-only: never edit once landed.
CREATE SCHEMA directory;
--> statement-breakpoint
CREATE SEQUENCE directory.expert_code_seq;
--> statement-breakpoint
CREATE TABLE directory.expert (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  title text NOT NULL CHECK (title IN ('senior','associate-senior','intermediate','none')),
  fields jsonb NOT NULL,
  unit_name text NOT NULL,
  unit_credit_code varchar(18),
  region_code varchar(12) NOT NULL,
  phone_sealed text NOT NULL,
  phone_masked text NOT NULL,
  email_sealed text,
  email_masked text,
  available boolean NOT NULL DEFAULT true,
  unavailable_until date,
  user_id uuid UNIQUE,
  active boolean NOT NULL DEFAULT true,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX expert_region_idx ON directory.expert (region_code);
--> statement-breakpoint
CREATE TABLE directory.expert_relation (
  id uuid PRIMARY KEY,
  expert_id uuid NOT NULL REFERENCES directory.expert(id),
  kind text NOT NULL CHECK (kind IN ('employment','consulting','shareholding','kin','region','other')),
  party_name text NOT NULL,
  party_credit_code varchar(18),
  party_region_code varchar(12),
  started_on date,
  ended_on date,
  note text
);
--> statement-breakpoint
CREATE INDEX expert_relation_expert_idx ON directory.expert_relation (expert_id);
--> statement-breakpoint
CREATE TABLE directory.draw (
  id uuid PRIMARY KEY,
  module text NOT NULL,
  object_type text NOT NULL,
  object_id text NOT NULL,
  title text NOT NULL,
  region_code varchar(12) NOT NULL,
  units jsonb NOT NULL,
  companies jsonb NOT NULL,
  region_rule text NOT NULL CHECK (region_rule IN ('none','same_county','same_city')),
  mode text NOT NULL CHECK (mode IN ('invite','assign')),
  quotas jsonb NOT NULL,
  require_account boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('open','completed','closed','short')),
  attempt integer NOT NULL,
  redraw_reason text,
  seed_hash char(64) NOT NULL,
  seed_sealed text NOT NULL,
  seed text,
  salt text,
  revealed_at timestamptz,
  requested_by text NOT NULL,
  requested_by_user uuid,
  requested_at timestamptz NOT NULL,
  draw_day date NOT NULL,
  CONSTRAINT draw_object_attempt_key UNIQUE (module, object_type, object_id, attempt)
);
--> statement-breakpoint
CREATE INDEX draw_region_idx ON directory.draw (region_code, requested_at);
--> statement-breakpoint
CREATE TABLE directory.draw_candidate (
  draw_id uuid NOT NULL REFERENCES directory.draw(id),
  expert_id uuid NOT NULL REFERENCES directory.expert(id),
  code text NOT NULL,
  fields jsonb NOT NULL,
  excluded text CHECK (excluded IN ('same_unit','same_region','declared_unit','declared_company','declared_region','kin','unavailable','no_account')),
  detail text,
  PRIMARY KEY (draw_id, expert_id)
);
--> statement-breakpoint
CREATE TABLE directory.draw_pick (
  draw_id uuid NOT NULL REFERENCES directory.draw(id),
  position integer NOT NULL,
  field text,
  expert_id uuid NOT NULL REFERENCES directory.expert(id),
  code text NOT NULL,
  alias text NOT NULL,
  status text NOT NULL CHECK (status IN ('invited','accepted','declined','assigned')),
  replaces integer,
  invited_at timestamptz NOT NULL,
  responded_at timestamptz,
  decline_reason text,
  PRIMARY KEY (draw_id, position),
  CONSTRAINT draw_pick_expert_key UNIQUE (draw_id, expert_id)
);
--> statement-breakpoint
CREATE INDEX draw_pick_expert_idx ON directory.draw_pick (expert_id);

-- 齐鲁智脑 (City brain hub): the sub-platform registry. Forward-only: never edit once landed.
CREATE SCHEMA city_brain;
--> statement-breakpoint
CREATE TABLE city_brain.sub_platform (
  id uuid PRIMARY KEY,
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9]{1,31}$'),
  kind text NOT NULL CHECK (kind IN ('city_brain','domain')),
  name text NOT NULL,
  region_code varchar(12) NOT NULL,
  domain text,
  owner_unit text NOT NULL,
  contact_name_enc text NOT NULL,
  contact_name_masked text NOT NULL,
  contact_phone_enc text NOT NULL,
  contact_phone_masked text NOT NULL,
  publishes text[] NOT NULL DEFAULT '{}',
  receives text[] NOT NULL DEFAULT '{}',
  nkey_public text,
  credentials_issued_at timestamptz,
  credentials_issued_by uuid,
  last_heartbeat_at timestamptz,
  connected_since timestamptz,
  last_lag_ms bigint,
  received_total bigint NOT NULL DEFAULT 0,
  sent_total bigint NOT NULL DEFAULT 0,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT sub_platform_code_key UNIQUE (code)
);
--> statement-breakpoint
CREATE INDEX sub_platform_region_idx ON city_brain.sub_platform (region_code);
--> statement-breakpoint
-- Messages per sub-platform, minute and direction: the registry's rates come from the last few rows.
CREATE TABLE city_brain.traffic (
  sub_platform_id uuid NOT NULL REFERENCES city_brain.sub_platform (id),
  minute timestamptz NOT NULL,
  direction text NOT NULL CHECK (direction IN ('up','down')),
  messages integer NOT NULL CHECK (messages >= 0),
  PRIMARY KEY (sub_platform_id, minute, direction)
);

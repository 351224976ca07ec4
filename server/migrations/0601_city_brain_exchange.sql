-- 齐鲁智脑: the exchange over NATS JetStream. Forward-only: never edit once landed.
-- Sub-platforms join the hub as NATS leaf nodes with a login issued here (nats-server 2.9 takes no nkey on a leaf
-- remote); the hub keeps the password's bcrypt hash, which the server's own user list carries.
ALTER TABLE city_brain.sub_platform RENAME COLUMN nkey_public TO nats_password_hash;
--> statement-breakpoint
-- Every upward message committed, once: (sub-platform, message id) is the deduplication key.
CREATE TABLE city_brain.inbound_message (
  id bigserial PRIMARY KEY,
  sub_platform_id uuid NOT NULL REFERENCES city_brain.sub_platform (id),
  msg_id text NOT NULL,
  kind text NOT NULL,
  hub_seq bigint NOT NULL,
  entity_id text NOT NULL,
  region_code varchar(12) NOT NULL,
  observed_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  payload jsonb NOT NULL,
  CONSTRAINT inbound_message_msg_key UNIQUE (sub_platform_id, msg_id)
);
--> statement-breakpoint
CREATE INDEX inbound_message_kind_idx ON city_brain.inbound_message (sub_platform_id, kind, observed_at);
--> statement-breakpoint
CREATE TABLE city_brain.vital_sign_latest (
  sub_platform_id uuid NOT NULL REFERENCES city_brain.sub_platform (id),
  region_code varchar(12) NOT NULL,
  indicator text NOT NULL,
  value double precision NOT NULL,
  unit text NOT NULL,
  observed_at timestamptz NOT NULL,
  PRIMARY KEY (sub_platform_id, region_code, indicator)
);
--> statement-breakpoint
CREATE TABLE city_brain.dead_letter (
  id uuid PRIMARY KEY,
  sub_platform_code text,
  subject text NOT NULL,
  msg_id text,
  reason text NOT NULL,
  detail jsonb NOT NULL,
  raw text NOT NULL,
  hub_seq bigint NOT NULL,
  received_at timestamptz NOT NULL,
  CONSTRAINT dead_letter_hub_seq_key UNIQUE (hub_seq)
);
--> statement-breakpoint
CREATE INDEX dead_letter_received_idx ON city_brain.dead_letter (received_at DESC);
--> statement-breakpoint
CREATE TABLE city_brain.outbound_message (
  id uuid PRIMARY KEY,
  sub_platform_id uuid NOT NULL REFERENCES city_brain.sub_platform (id),
  kind text NOT NULL CHECK (kind IN ('task','notice','alert')),
  subject text NOT NULL,
  title text NOT NULL,
  payload jsonb NOT NULL,
  event_id uuid,
  status text NOT NULL CHECK (status IN ('pending','delivered')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_by uuid,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz
);
--> statement-breakpoint
CREATE INDEX outbound_message_pending_idx ON city_brain.outbound_message (created_at) WHERE status = 'pending';

-- Platform: identity, sessions, audit, rate limits, outbox.
CREATE SCHEMA IF NOT EXISTS identity;
--> statement-breakpoint
CREATE SCHEMA IF NOT EXISTS audit;
--> statement-breakpoint
CREATE TABLE identity.organisation (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('bureau','enterprise','datacentre_operator','expert_unit','media','public')),
  region_code varchar(12) NOT NULL,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE TABLE identity.user_account (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  organisation_id uuid NOT NULL REFERENCES identity.organisation(id),
  password_hash text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  password_changed_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE TABLE identity.role_binding (
  user_id uuid NOT NULL REFERENCES identity.user_account(id) ON DELETE CASCADE,
  role text NOT NULL,
  region_code varchar(12) NOT NULL,
  PRIMARY KEY (user_id, role, region_code)
);
--> statement-breakpoint
CREATE TABLE identity.session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES identity.user_account(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
--> statement-breakpoint
CREATE INDEX session_user_idx ON identity.session (user_id);
--> statement-breakpoint
CREATE TABLE audit.event (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  request_id text,
  actor_user_id text,
  actor_username text,
  actor_role text,
  actor_region text,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text,
  before_digest text,
  after_digest text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
--> statement-breakpoint
CREATE INDEX audit_event_at_idx ON audit.event (at);
--> statement-breakpoint
CREATE INDEX audit_event_object_idx ON audit.event (object_type, object_id);
--> statement-breakpoint
CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.event is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON audit.event
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
--> statement-breakpoint
CREATE TABLE platform.rate_limit (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (key, window_start)
);
--> statement-breakpoint
CREATE TABLE platform.outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
--> statement-breakpoint
CREATE INDEX outbox_pending_idx ON platform.outbox (id) WHERE delivered_at IS NULL;
--> statement-breakpoint
CREATE TABLE platform.setting (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

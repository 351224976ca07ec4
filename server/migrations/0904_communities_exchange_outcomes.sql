-- 便民设施供需对接 II: providers linked to the directory's 服务商库, agreement → installed (落地) → residents'
-- satisfaction, and whether a service still runs. Forward-only.
CREATE TABLE communities.provider (
  organisation_id uuid PRIMARY KEY,
  directory_org_id uuid NOT NULL UNIQUE,
  credit_code varchar(18) NOT NULL,
  name text NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  linked_by uuid,
  linked_at timestamptz NOT NULL
);
--> statement-breakpoint
ALTER TABLE communities.match DROP CONSTRAINT match_status_check;
--> statement-breakpoint
ALTER TABLE communities.match ADD CONSTRAINT match_status_check
  CHECK (status IN ('proposed', 'confirmed', 'agreed', 'declined', 'installed'));
--> statement-breakpoint
ALTER TABLE communities.match
  ADD COLUMN agreed_by uuid,
  ADD COLUMN agreed_at timestamptz,
  ADD COLUMN installed_by uuid,
  ADD COLUMN installed_on date,
  ADD COLUMN stopped_on date,
  ADD COLUMN followups integer NOT NULL DEFAULT 0;
--> statement-breakpoint
CREATE INDEX match_offer_idx ON communities.match (offer_id, status);
--> statement-breakpoint
CREATE INDEX offer_provider_idx ON communities.offer (provider_id);
--> statement-breakpoint
CREATE TABLE communities.satisfaction (
  followup_id uuid PRIMARY KEY,
  match_id uuid NOT NULL REFERENCES communities.match (id),
  satisfaction smallint NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
  answered_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX satisfaction_match_idx ON communities.satisfaction (match_id);

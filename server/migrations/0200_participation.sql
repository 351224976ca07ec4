-- Participation: 问需于民 campaigns and surveys, responses, 你提我办 action items, 市民监督员 pool and tasks.
CREATE SCHEMA IF NOT EXISTS participation;
--> statement-breakpoint
CREATE TABLE participation.campaign (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  year integer NOT NULL,
  region_code varchar(12) NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  closes_at timestamptz,
  retention_days integer NOT NULL DEFAULT 180,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE TABLE participation.survey (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES participation.campaign(id),
  region_code varchar(12) NOT NULL,
  base_survey_id uuid REFERENCES participation.survey(id),
  lineage_id uuid NOT NULL,
  version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft','published','archived')),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  consent_version text NOT NULL,
  consent_text text NOT NULL,
  verified_only boolean NOT NULL DEFAULT false,
  definition jsonb NOT NULL,
  published_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL,
  UNIQUE (lineage_id, version)
);
--> statement-breakpoint
CREATE INDEX survey_campaign_idx ON participation.survey (campaign_id);
--> statement-breakpoint
CREATE TABLE participation.response (
  id uuid PRIMARY KEY,
  survey_id uuid NOT NULL REFERENCES participation.survey(id),
  campaign_id uuid NOT NULL,
  region_code varchar(12) NOT NULL,
  channel text NOT NULL CHECK (channel IN ('online','offline')),
  verified boolean NOT NULL DEFAULT false,
  user_id uuid,
  device_hash text,
  idempotency_key text,
  paper_ref text,
  consent_version text NOT NULL,
  phone_enc text,
  phone_masked text,
  answers jsonb NOT NULL,
  submitted_at timestamptz NOT NULL,
  entered_by uuid,
  is_demo boolean NOT NULL DEFAULT false
);
--> statement-breakpoint
CREATE UNIQUE INDEX response_idem_uq ON participation.response (survey_id, idempotency_key);
--> statement-breakpoint
CREATE UNIQUE INDEX response_device_uq ON participation.response (survey_id, device_hash);
--> statement-breakpoint
CREATE UNIQUE INDEX response_paper_uq ON participation.response (survey_id, paper_ref);
--> statement-breakpoint
CREATE INDEX response_campaign_region_idx ON participation.response (campaign_id, region_code);
--> statement-breakpoint
CREATE TABLE participation.action_item (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES participation.campaign(id),
  region_code varchar(12) NOT NULL,
  department text NOT NULL,
  title text NOT NULL,
  topic_label text,
  response_id uuid,
  demand_count integer NOT NULL DEFAULT 0,
  deadline date NOT NULL,
  status text NOT NULL CHECK (status IN ('planned','in_progress','done')),
  progress_note text NOT NULL DEFAULT '',
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX action_campaign_idx ON participation.action_item (campaign_id);
--> statement-breakpoint
CREATE TABLE participation.followup (
  id uuid PRIMARY KEY,
  action_id uuid NOT NULL REFERENCES participation.action_item(id),
  response_id uuid NOT NULL,
  token text NOT NULL UNIQUE,
  satisfaction integer,
  comment text,
  created_at timestamptz NOT NULL,
  answered_at timestamptz,
  UNIQUE (action_id, response_id)
);
--> statement-breakpoint
CREATE TABLE participation.supervisor (
  id uuid PRIMARY KEY,
  name_enc text NOT NULL,
  name_masked text NOT NULL,
  phone_enc text NOT NULL,
  phone_masked text NOT NULL,
  phone_digest text NOT NULL,
  region_code varchar(12) NOT NULL,
  occupation text NOT NULL,
  age_band text NOT NULL,
  gender text NOT NULL,
  media boolean NOT NULL DEFAULT false,
  statement text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('applied','approved','rejected')),
  term_start date,
  term_end date,
  user_id uuid,
  username text,
  applied_at timestamptz NOT NULL,
  vetted_at timestamptz,
  vetted_by uuid,
  is_demo boolean NOT NULL DEFAULT false
);
--> statement-breakpoint
CREATE UNIQUE INDEX supervisor_phone_uq ON participation.supervisor (phone_digest);
--> statement-breakpoint
CREATE INDEX supervisor_region_idx ON participation.supervisor (region_code);
--> statement-breakpoint
CREATE TABLE participation.task (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('service','indicator_verification')),
  region_code varchar(12) NOT NULL,
  year integer NOT NULL,
  indicator_code text,
  description text NOT NULL DEFAULT '',
  panel_size integer NOT NULL,
  quotas jsonb NOT NULL,
  seed bigint,
  pool jsonb,
  drawn_at timestamptz,
  status text NOT NULL CHECK (status IN ('open','drawn','closed')),
  created_by uuid,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE TABLE participation.task_member (
  task_id uuid NOT NULL REFERENCES participation.task(id),
  supervisor_id uuid NOT NULL REFERENCES participation.supervisor(id),
  score double precision,
  confirmed boolean,
  comment text,
  score_id uuid,
  submitted_at timestamptz,
  PRIMARY KEY (task_id, supervisor_id)
);
--> statement-breakpoint
CREATE TABLE participation.task_photo (
  id uuid PRIMARY KEY,
  task_id uuid NOT NULL,
  supervisor_id uuid NOT NULL,
  mime text NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX task_photo_member_idx ON participation.task_photo (task_id, supervisor_id);

-- Assessment (评估评价): catalogues, campaigns, submissions and their review, results.
CREATE SCHEMA IF NOT EXISTS assessment;
--> statement-breakpoint
CREATE TABLE assessment.catalogue (
  id uuid PRIMARY KEY,
  key text NOT NULL,
  version integer NOT NULL,
  name text NOT NULL,
  standard text NOT NULL,
  level text NOT NULL CHECK (level IN ('city','county','community')),
  policy jsonb NOT NULL,
  indicators jsonb NOT NULL,
  locked boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  UNIQUE (key, version)
);
--> statement-breakpoint
CREATE TABLE assessment.campaign (
  id uuid PRIMARY KEY,
  year integer NOT NULL UNIQUE,
  name text NOT NULL,
  stage text NOT NULL CHECK (stage IN ('self_assessment','review','expert_review','co_evaluation','public_notice','published')),
  city_catalogue_id uuid REFERENCES assessment.catalogue(id),
  county_catalogue_id uuid REFERENCES assessment.catalogue(id),
  deadlines jsonb NOT NULL DEFAULT '{}'::jsonb,
  experts_per_submission integer NOT NULL DEFAULT 3,
  notice_days integer NOT NULL DEFAULT 7,
  notice_ends_at timestamptz,
  expert_seed bigint,
  sample boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  published_at timestamptz
);
--> statement-breakpoint
CREATE TABLE assessment.submission (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES assessment.campaign(id),
  catalogue_id uuid NOT NULL REFERENCES assessment.catalogue(id),
  year integer NOT NULL,
  region_code varchar(12) NOT NULL,
  region_name text NOT NULL,
  region_level text NOT NULL,
  parent_code varchar(12),
  status text NOT NULL CHECK (status IN ('draft','returned','submitted','city_approved','province_approved','expert_review','expert_reviewed','co_evaluation','public_notice','published')),
  "values" jsonb NOT NULL DEFAULT '{}'::jsonb,
  filled integer NOT NULL DEFAULT 0,
  returned_reason text,
  returned_from text,
  disagreement boolean NOT NULL DEFAULT false,
  alias text NOT NULL,
  version integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL,
  UNIQUE (campaign_id, region_code)
);
--> statement-breakpoint
CREATE INDEX submission_campaign_status_idx ON assessment.submission (campaign_id, status);
--> statement-breakpoint
CREATE INDEX submission_region_idx ON assessment.submission (region_code, year);
--> statement-breakpoint
CREATE TABLE assessment.step (
  id bigserial PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES assessment.submission(id),
  from_status text,
  to_status text NOT NULL,
  action text NOT NULL,
  reason text,
  actor text,
  at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX step_submission_idx ON assessment.step (submission_id);
--> statement-breakpoint
CREATE TABLE assessment.evidence (
  id uuid PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES assessment.submission(id),
  indicator_code text NOT NULL,
  filename text NOT NULL,
  type text NOT NULL,
  size integer NOT NULL,
  data bytea NOT NULL,
  uploaded_by uuid,
  uploaded_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX evidence_submission_idx ON assessment.evidence (submission_id);
--> statement-breakpoint
CREATE TABLE assessment.expert_assignment (
  submission_id uuid NOT NULL REFERENCES assessment.submission(id),
  expert_user_id uuid NOT NULL,
  expert_region varchar(12) NOT NULL,
  alias text NOT NULL,
  seed bigint NOT NULL,
  score numeric(6,2),
  comment text,
  scored_at timestamptz,
  PRIMARY KEY (submission_id, expert_user_id)
);
--> statement-breakpoint
CREATE INDEX expert_assignment_user_idx ON assessment.expert_assignment (expert_user_id);
--> statement-breakpoint
CREATE TABLE assessment.coeval_score (
  id uuid PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES assessment.submission(id),
  indicator_code text,
  kind text NOT NULL,
  score numeric(6,2) NOT NULL,
  confirmed boolean,
  source text NOT NULL CHECK (source IN ('participation','direct')),
  supervisor_ref text NOT NULL,
  media boolean NOT NULL DEFAULT false,
  submitted_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX coeval_submission_idx ON assessment.coeval_score (submission_id);
--> statement-breakpoint
CREATE TABLE assessment.objection (
  id uuid PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES assessment.submission(id),
  text text NOT NULL,
  filed_by uuid,
  filed_at timestamptz NOT NULL,
  resolution text,
  resolved_at timestamptz
);
--> statement-breakpoint
CREATE TABLE assessment.result (
  campaign_id uuid NOT NULL REFERENCES assessment.campaign(id),
  region_code varchar(12) NOT NULL,
  year integer NOT NULL,
  region_name text NOT NULL,
  region_level text NOT NULL,
  parent_code varchar(12),
  stars integer NOT NULL,
  sub_grade text,
  score numeric(8,2) NOT NULL,
  bonus numeric(8,2) NOT NULL DEFAULT 0,
  shares jsonb NOT NULL,
  explanation jsonb NOT NULL,
  indicator_stars jsonb NOT NULL,
  sample boolean NOT NULL DEFAULT false,
  computed_at timestamptz NOT NULL,
  published_at timestamptz,
  PRIMARY KEY (campaign_id, region_code)
);
--> statement-breakpoint
CREATE INDEX result_year_idx ON assessment.result (year, region_level) WHERE published_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX result_region_idx ON assessment.result (region_code);

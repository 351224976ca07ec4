-- 名录库 II: project teams (项目团队库) and providers (服务商库), their deliveries and dishonesty records (失信).
CREATE TABLE directory.org (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('project_team','provider')),
  name text NOT NULL,
  credit_code varchar(18) NOT NULL,
  region_code varchar(12) NOT NULL,
  contact_name text NOT NULL,
  phone_sealed text NOT NULL,
  phone_masked text NOT NULL,
  services jsonb NOT NULL,
  qualifications jsonb NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  CONSTRAINT org_kind_credit_code_key UNIQUE (kind, credit_code)
);
--> statement-breakpoint
CREATE INDEX org_region_idx ON directory.org (region_code);
--> statement-breakpoint
CREATE TABLE directory.org_delivery (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES directory.org(id),
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('case','facility','project')),
  region_code varchar(12) NOT NULL,
  year integer NOT NULL,
  rating smallint CHECK (rating BETWEEN 1 AND 5),
  note text,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX org_delivery_org_idx ON directory.org_delivery (org_id);
--> statement-breakpoint
CREATE TABLE directory.dishonesty (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES directory.org(id),
  reason text NOT NULL,
  source text NOT NULL,
  listed_on date NOT NULL,
  until date,
  lifted_at timestamptz,
  lift_reason text,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX dishonesty_org_idx ON directory.dishonesty (org_id);

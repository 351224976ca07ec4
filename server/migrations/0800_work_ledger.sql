-- 工作台账 (Work ledger): yearly work points broken into tasks, milestones, monthly progress, supervision (督办).
-- Forward-only: never edit once landed.
CREATE SCHEMA work_ledger;
--> statement-breakpoint
CREATE TABLE work_ledger.task (
  id uuid PRIMARY KEY,
  year integer NOT NULL,
  code text NOT NULL,
  point text NOT NULL,
  title text NOT NULL,
  lead_unit text NOT NULL,
  cooperating_units jsonb NOT NULL,
  region_code varchar(12) NOT NULL,
  deadline date NOT NULL,
  target text NOT NULL,
  metric text CHECK (metric IN ('assessment.county_share_4star','compute.ai_share','communities.smart_count')),
  target_value double precision,
  status text NOT NULL CHECK (status IN ('planned','assigned','closed')),
  percent integer NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  evaluation text CHECK (evaluation IN ('excellent','good','pass','fail')),
  evaluation_comment text,
  closed_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  CONSTRAINT task_year_code_key UNIQUE (year, code)
);
--> statement-breakpoint
CREATE INDEX task_region_idx ON work_ledger.task (region_code, year);
--> statement-breakpoint
CREATE TABLE work_ledger.milestone (
  task_id uuid NOT NULL REFERENCES work_ledger.task(id),
  position integer NOT NULL,
  title text NOT NULL,
  due_on date NOT NULL,
  done_on date,
  PRIMARY KEY (task_id, position)
);
--> statement-breakpoint
CREATE TABLE work_ledger.progress (
  id uuid PRIMARY KEY,
  task_id uuid NOT NULL REFERENCES work_ledger.task(id),
  month varchar(7) NOT NULL,
  percent integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
  text text NOT NULL,
  evidence text NOT NULL,
  reported_by text NOT NULL,
  reported_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX progress_task_idx ON work_ledger.progress (task_id, month);
--> statement-breakpoint
CREATE TABLE work_ledger.supervision (
  id uuid PRIMARY KEY,
  task_id uuid NOT NULL REFERENCES work_ledger.task(id),
  kind text NOT NULL CHECK (kind IN ('assign','reminder','escalation','evaluation')),
  note text NOT NULL,
  by_name text NOT NULL,
  at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX supervision_task_idx ON work_ledger.supervision (task_id, at);

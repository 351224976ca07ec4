-- 齐鲁智脑: the event closed loop (GB/T 30428: 上报 → 立案 → 派遣 → 处置 → 反馈 → 核查结案 → 评价). Forward-only.
CREATE TABLE city_brain.event (
  id uuid PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('city','province')),
  sub_platform_id uuid REFERENCES city_brain.sub_platform (id),
  entity_id text,
  region_code varchar(12) NOT NULL,
  category text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('low','medium','high')),
  title text NOT NULL,
  description text,
  location jsonb,
  status text NOT NULL CHECK (status IN ('reported','registered','dispatched','handling','fed_back','closed','evaluated','rejected')),
  handler_region_code varchar(12),
  handler_department text,
  step_started_at timestamptz NOT NULL,
  deadline timestamptz,
  supervision text CHECK (supervision IN ('reminder','escalation')),
  result text,
  rating integer CHECK (rating BETWEEN 1 AND 5),
  reported_at timestamptz NOT NULL,
  closed_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  updated_at timestamptz NOT NULL,
  CONSTRAINT event_entity_key UNIQUE (sub_platform_id, entity_id)
);
--> statement-breakpoint
CREATE INDEX event_region_idx ON city_brain.event (region_code, status);
--> statement-breakpoint
CREATE INDEX event_open_deadline_idx ON city_brain.event (deadline) WHERE deadline IS NOT NULL;
--> statement-breakpoint
-- The full history: every step taken (with whether it was on time), every reminder and escalation.
CREATE TABLE city_brain.event_history (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES city_brain.event (id),
  action text NOT NULL,
  at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_name text,
  note text,
  on_time boolean
);
--> statement-breakpoint
CREATE INDEX event_history_event_idx ON city_brain.event_history (event_id, id);

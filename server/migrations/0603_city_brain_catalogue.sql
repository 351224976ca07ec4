-- 齐鲁智脑: the data catalogue (数据资源目录) — datasets each sub-platform offers, requests for conditional data and
-- every use. Forward-only.
CREATE TABLE city_brain.dataset (
  id uuid PRIMARY KEY,
  sub_platform_id uuid NOT NULL REFERENCES city_brain.sub_platform (id),
  code text NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  fields jsonb NOT NULL DEFAULT '[]',
  update_cycle text NOT NULL DEFAULT 'irregular'
    CHECK (update_cycle IN ('realtime','hourly','daily','weekly','monthly','quarterly','yearly','irregular')),
  sharing_class text NOT NULL DEFAULT 'not_shared' CHECK (sharing_class IN ('unconditional','conditional','not_shared')),
  sharing_conditions text NOT NULL DEFAULT '',
  version text,
  records bigint,
  last_updated_at timestamptz,
  uncatalogued boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT dataset_code_key UNIQUE (sub_platform_id, code)
);
--> statement-breakpoint
CREATE TABLE city_brain.data_request (
  id uuid PRIMARY KEY,
  dataset_id uuid NOT NULL REFERENCES city_brain.dataset (id),
  requester_user_id uuid NOT NULL,
  requester_name text NOT NULL,
  unit text NOT NULL,
  purpose text NOT NULL,
  fields jsonb NOT NULL DEFAULT '[]',
  until timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending','approved','rejected')),
  decided_by_user_id uuid,
  decided_by text,
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX data_request_dataset_idx ON city_brain.data_request (dataset_id, status);
--> statement-breakpoint
CREATE TABLE city_brain.data_use (
  id bigserial PRIMARY KEY,
  dataset_id uuid NOT NULL REFERENCES city_brain.dataset (id),
  request_id uuid REFERENCES city_brain.data_request (id),
  user_id uuid,
  user_name text NOT NULL,
  purpose text NOT NULL,
  fields jsonb NOT NULL DEFAULT '[]',
  version text,
  at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX data_use_dataset_idx ON city_brain.data_use (dataset_id, at);

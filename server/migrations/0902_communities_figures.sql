-- 智慧社区: monthly reports pushed by connected community systems (联网对接) and the tokens they use. Forward-only.
CREATE TABLE communities.ingest_token (
  id uuid PRIMARY KEY,
  region_code varchar(12) NOT NULL,
  name text NOT NULL,
  token_hash char(64) NOT NULL UNIQUE,
  created_by uuid,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);
--> statement-breakpoint
CREATE INDEX ingest_token_region_idx ON communities.ingest_token (region_code);
--> statement-breakpoint
CREATE TABLE communities.monthly_report (
  community_code varchar(12) NOT NULL REFERENCES communities.community (code),
  month date NOT NULL,
  "values" jsonb NOT NULL,
  source varchar(8) NOT NULL CHECK (source IN ('api', 'excel', 'form')),
  received_at timestamptz NOT NULL,
  PRIMARY KEY (community_code, month)
);
--> statement-breakpoint
CREATE INDEX monthly_report_received_idx ON communities.monthly_report (received_at);

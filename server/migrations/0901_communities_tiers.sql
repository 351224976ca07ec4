-- 智慧社区: yearly tier reports (self-report → check → 标杆型 by the province). Forward-only.
CREATE TABLE communities.tier_assessment (
  community_code varchar(12) NOT NULL REFERENCES communities.community (code),
  year integer NOT NULL,
  catalogue_id uuid NOT NULL,
  catalogue_version integer NOT NULL,
  "values" jsonb NOT NULL,
  level integer NOT NULL,
  score double precision NOT NULL,
  rated_tier varchar(16) CHECK (rated_tier IN ('basic', 'growth', 'benchmark')),
  status varchar(24) NOT NULL CHECK (status IN ('reported', 'awaiting_province', 'confirmed', 'returned')),
  note text,
  reported_by uuid,
  reported_at timestamptz NOT NULL,
  decided_by uuid,
  decided_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  PRIMARY KEY (community_code, year)
);

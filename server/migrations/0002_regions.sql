-- Regions: the GB/T 2260 hierarchy and, below counties, streets and communities imported by the bureau.
CREATE SCHEMA IF NOT EXISTS regions;
--> statement-breakpoint
CREATE TABLE regions.region (
  code varchar(12) PRIMARY KEY,
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('province','city','county','street','community')),
  parent_code varchar(12) REFERENCES regions.region(code),
  path text NOT NULL,
  source text NOT NULL
);
--> statement-breakpoint
CREATE INDEX region_parent_idx ON regions.region (parent_code);
--> statement-breakpoint
CREATE INDEX region_path_idx ON regions.region (path text_pattern_ops);
--> statement-breakpoint
CREATE TABLE regions.alias (
  alias text PRIMARY KEY,
  code varchar(12) NOT NULL REFERENCES regions.region(code)
);

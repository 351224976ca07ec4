-- Key-indicator warnings: rules over the screen's figures, thresholds configurable per region. Forward-only.
CREATE TABLE screen.warning_rule (
  id uuid PRIMARY KEY,
  region_code varchar(12) NOT NULL,
  name text NOT NULL,
  widget text NOT NULL,
  condition text NOT NULL CHECK (condition IN ('below_target', 'below', 'above', 'stale')),
  threshold double precision NOT NULL,
  level text NOT NULL CHECK (level IN ('red', 'orange', 'yellow')),
  owner text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  is_default boolean NOT NULL DEFAULT false,
  created_by uuid,
  updated_at timestamptz NOT NULL,
  CONSTRAINT warning_rule_region_name_key UNIQUE (region_code, name)
);

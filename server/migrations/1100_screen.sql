-- 一屏看山东 (Province screen): the module's own schema. Forward-only: never edit once landed.
CREATE SCHEMA screen;
--> statement-breakpoint
-- A leader's theme: which widgets and map layers, in which order, for a region's screen. Data, not code.
CREATE TABLE screen.theme (
  id uuid PRIMARY KEY,
  region_code varchar(12) NOT NULL,
  name text NOT NULL,
  widgets text[] NOT NULL,
  layers text[] NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  updated_at timestamptz NOT NULL,
  CONSTRAINT theme_region_name_key UNIQUE (region_code, name)
);
--> statement-breakpoint
-- At most one default theme per region.
CREATE UNIQUE INDEX theme_one_default ON screen.theme (region_code) WHERE is_default;

-- 标杆型 on-site check (实地核验): the province sends a panel of citizen supervisors and media (participation's site
-- check) and drawn experts (the directory's draw); the panel's scores arrive as participation.subject-scored events.
-- Forward-only.
CREATE TABLE communities.onsite_check (
  community_code varchar(12) NOT NULL,
  year integer NOT NULL,
  task_id uuid NOT NULL UNIQUE,
  draw_id uuid NOT NULL,
  pool_region_code varchar(12) NOT NULL,
  panel_size integer NOT NULL,
  started_by uuid,
  started_at timestamptz NOT NULL,
  PRIMARY KEY (community_code, year),
  FOREIGN KEY (community_code, year) REFERENCES communities.tier_assessment (community_code, year)
);
--> statement-breakpoint
-- One row per panel score; the score's id makes a redelivered event count once.
CREATE TABLE communities.onsite_score (
  score_id uuid PRIMARY KEY,
  task_id uuid NOT NULL REFERENCES communities.onsite_check (task_id),
  score double precision NOT NULL,
  confirmed boolean,
  media boolean NOT NULL,
  submitted_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX onsite_score_task_idx ON communities.onsite_score (task_id);

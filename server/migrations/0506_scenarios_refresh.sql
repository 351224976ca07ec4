-- The board's refresh at the issue's scale (100,000 cases, 10 million votes). Forward-only.
--
-- The refresh keeps the last minutes of votes in memory (recent-votes.ts); this counter, bumped by every refresh
-- and every moderator's release or rejection, tells an instance whether its copy missed a change.
ALTER TABLE scenarios.round ADD COLUMN refresh_generation bigint NOT NULL DEFAULT 0;
--> statement-breakpoint
-- Each case's votes by status, kept by the same statements that change a vote's status (the refresh's counting and
-- holding, a moderator's release or rejection), so a full recompute reads 100,000 rows instead of counting 10 M.
CREATE TABLE scenarios.vote_tally (
  round_id uuid NOT NULL REFERENCES scenarios.round(id),
  case_id uuid NOT NULL REFERENCES scenarios.scenario_case(id),
  up integer NOT NULL DEFAULT 0,
  total integer NOT NULL DEFAULT 0,
  held integer NOT NULL DEFAULT 0,
  PRIMARY KEY (round_id, case_id)
);
--> statement-breakpoint
INSERT INTO scenarios.vote_tally (round_id, case_id, up, total, held)
SELECT round_id, case_id, count(*) FILTER (WHERE status = 'counted' AND approve),
       count(*) FILTER (WHERE status = 'counted'), count(*) FILTER (WHERE status = 'held')
FROM scenarios.vote GROUP BY round_id, case_id;
--> statement-breakpoint
-- The tally replaces the index the count read; held votes (few) are listed for moderators by their own index.
DROP INDEX scenarios.vote_case_idx;
--> statement-breakpoint
CREATE INDEX vote_held_idx ON scenarios.vote (round_id, case_id) WHERE status = 'held';

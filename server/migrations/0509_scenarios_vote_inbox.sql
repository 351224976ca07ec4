-- The refresh's status update of each vote becomes a HOT update (one heap write, no index entry): no index of the vote
-- table may mention `status` or `hold_reason`. New votes are found through a small inbox (the refresh reads and
-- deletes it) instead of the partial index on pending votes, and held votes through their own table instead of the
-- partial index on held ones; the vote table leaves room on each page for the updated row. Forward-only.
CREATE TABLE scenarios.vote_inbox (
  id bigint PRIMARY KEY,
  round_id uuid NOT NULL
);
--> statement-breakpoint
INSERT INTO scenarios.vote_inbox (id, round_id) SELECT id, round_id FROM scenarios.vote WHERE status = 'pending';
--> statement-breakpoint
DROP INDEX scenarios.vote_pending_idx;
--> statement-breakpoint
-- Votes held for a moderator, while they are held (released or rejected ones leave).
CREATE TABLE scenarios.vote_hold (
  id bigint PRIMARY KEY,
  round_id uuid NOT NULL,
  case_id uuid NOT NULL
);
--> statement-breakpoint
CREATE INDEX vote_hold_case_idx ON scenarios.vote_hold (round_id, case_id);
--> statement-breakpoint
INSERT INTO scenarios.vote_hold (id, round_id, case_id) SELECT id, round_id, case_id FROM scenarios.vote WHERE status = 'held';
--> statement-breakpoint
DROP INDEX scenarios.vote_held_idx;
--> statement-breakpoint
ALTER TABLE scenarios.vote SET (fillfactor = 85);
--> statement-breakpoint
-- A standing whose score did not move (a vote held, not counted) is rewritten in place as well.
ALTER TABLE scenarios.standing SET (fillfactor = 80);

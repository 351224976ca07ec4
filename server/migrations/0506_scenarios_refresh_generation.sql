-- The board's refresh keeps the last minutes of votes in memory (recent-votes.ts); this counter, bumped by every
-- refresh and every moderator's release or rejection, tells an instance whether its copy missed a change.
-- Forward-only.
ALTER TABLE scenarios.round ADD COLUMN refresh_generation bigint NOT NULL DEFAULT 0;

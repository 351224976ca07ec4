-- The burst rule asks of each vote whether its device has voted for another case. It counted the device's votes
-- through an index on vote.device: a random key written with every vote, which under a steady stream grew past
-- PostgreSQL's buffers and made each vote slower the longer the stream ran. The device row, written by the same vote
-- statement anyway, now answers it: the first case the device voted for and whether it has voted for any other.
-- Forward-only.
ALTER TABLE scenarios.device ADD COLUMN first_case uuid, ADD COLUMN several_cases boolean NOT NULL DEFAULT false;
--> statement-breakpoint
UPDATE scenarios.device d SET first_case = v.first_case, several_cases = v.cases > 1
FROM (SELECT device, min(case_id::text)::uuid AS first_case, count(DISTINCT case_id) AS cases
      FROM scenarios.vote GROUP BY device) v
WHERE v.device = d.digest;
--> statement-breakpoint
DROP INDEX scenarios.vote_device_idx;

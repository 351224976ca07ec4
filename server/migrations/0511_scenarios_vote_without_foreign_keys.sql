-- The vote table takes the public's votes in batches of hundreds; its two foreign keys cost a trigger and an index
-- probe per row (about a fifth of the insert's time). The vote statement itself inserts only for an accepted case
-- of the open round (it joins both in the same statement), and cases and rounds are never deleted (a case is
-- retired, a round closed), so the keys guarded nothing the statement does not. Forward-only.
ALTER TABLE scenarios.vote DROP CONSTRAINT vote_round_id_fkey;
--> statement-breakpoint
ALTER TABLE scenarios.vote DROP CONSTRAINT vote_case_id_fkey;

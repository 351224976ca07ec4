-- A held vote changes no score, so it must not rewrite a standing: the number of held votes is read from the case's
-- tally (scenarios.vote_tally) when a board is shown, and a standing is written only when its score's inputs moved.
-- Under a burst of held votes (the very thing brigading detection is for) the refresh then writes no standings at all.
-- Forward-only.
ALTER TABLE scenarios.standing DROP COLUMN votes_held;

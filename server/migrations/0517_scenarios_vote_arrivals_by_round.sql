-- The refresh reads one round's votes above its mark (arrivedVotes). On (txid, id) alone, the planner — the vote
-- table's statistics stale, as they are while it grows fast or where autovacuum is off or behind — took the round's
-- condition as selective and combined that index with every entry of the round from the one-per-device index: a
-- read of that whole index each refresh (1.4 s at 650,000 votes), and the board fell behind its votes. With the
-- round leading, the whole condition is one range of this index, whatever the statistics say.
DROP INDEX scenarios.vote_arrival_idx;
--> statement-breakpoint
CREATE INDEX vote_arrival_idx ON scenarios.vote (round_id, txid, id) WHERE txid IS NOT NULL;

-- New votes are found by the transaction that wrote them, not through vote_inbox: each vote the endpoint writes
-- carries its transaction's id (txid), and the round keeps the (txid, id) of the last vote its refresh classified
-- (vote_watermark_txid, vote_watermark). The refresh reads the votes past that mark whose transactions have all
-- ended (see arrivedVotes in board.repository.ts), so a vote still being written is read by a later refresh, never
-- skipped. A vote no longer writes an inbox row and its index entry, nor does the refresh delete them.
-- Votes loaded in bulk (demo data, benchmarks) have no txid: they are counted as they are written. Forward-only.
ALTER TABLE scenarios.vote ADD COLUMN txid xid8;
--> statement-breakpoint
ALTER TABLE scenarios.round ADD COLUMN vote_watermark_txid xid8 NOT NULL DEFAULT '0';
--> statement-breakpoint
UPDATE scenarios.round SET vote_watermark = 0;
--> statement-breakpoint
-- The votes still waiting in the inbox: past every round's mark (0, 0), below any transaction to come.
UPDATE scenarios.vote SET txid = '1' WHERE id IN (SELECT id FROM scenarios.vote_inbox);
--> statement-breakpoint
CREATE INDEX vote_arrival_idx ON scenarios.vote (txid, id) WHERE txid IS NOT NULL;
--> statement-breakpoint
DROP TABLE scenarios.vote_inbox;

-- 齐鲁智脑 intake throughput (issue 16: ≥ 20,000 messages/s). The received message is kept as the text that arrived:
-- parsing every row into jsonb cost more than the rest of the insert, and nothing queries inside it. The
-- (sub-platform, kind, time) index had no reader and slowed every insert; the unique key that makes intake exactly-once
-- stays. Forward-only.
DROP INDEX city_brain.inbound_message_kind_idx;
--> statement-breakpoint
ALTER TABLE city_brain.inbound_message ALTER COLUMN payload TYPE text USING payload::text;

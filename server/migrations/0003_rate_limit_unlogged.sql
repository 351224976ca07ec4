-- Rate-limit counters are disposable: after a crash a window simply starts again. Unlogged, their upserts write no
-- WAL, so counting a public request never waits for a WAL flush (only the durable write it guards does).
ALTER TABLE platform.rate_limit SET UNLOGGED;

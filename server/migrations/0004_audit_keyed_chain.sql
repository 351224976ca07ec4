-- Audit that survives its database (issue 8, item 3).
-- Rows written from now on carry a keyed hash (HMAC with ZC_AUDIT_KEY, held outside the database): chain_version 2.
-- Rows already written keep their unkeyed sha256 hash: chain_version 1. Their hashes cannot be keyed after the fact
-- (the database never sees the key), but the first keyed row covers the last unkeyed hash in its HMAC, so rewriting
-- any earlier row breaks the chain there; verify refuses an unkeyed row after a keyed one.
ALTER TABLE audit.event ADD COLUMN chain_version smallint NOT NULL DEFAULT 1;
--> statement-breakpoint
-- No default from now on: every insert says which hash it carries.
ALTER TABLE audit.event ALTER COLUMN chain_version DROP DEFAULT;
--> statement-breakpoint
-- The row-level trigger does not fire on TRUNCATE; this statement-level one does.
CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON audit.event
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

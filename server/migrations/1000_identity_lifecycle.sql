-- Account lifecycle (issue 15): a password set by an administrator (a new account's first one, or a reset) is a
-- one-time password; the account must choose its own at the next sign-in before it can do anything else.
ALTER TABLE identity.user_account ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
--> statement-breakpoint
-- Who last changed the account and when (edits, disable/enable, resets); the audit trail keeps the whole history.
ALTER TABLE identity.user_account ADD COLUMN updated_at timestamptz;

-- Login throttling per (username, address) and per address replaces the account-wide lockout, which anyone could
-- trigger against someone else and whose 423 told which usernames exist.
CREATE TABLE identity.login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  blocked_until timestamptz,
  window_start timestamptz NOT NULL
);
--> statement-breakpoint
ALTER TABLE identity.user_account DROP COLUMN failed_logins;
--> statement-breakpoint
ALTER TABLE identity.user_account DROP COLUMN locked_until;

-- Optional verified phones for public votes (issue 10: "one per device per case per round, rate-limited, optional
-- verified phone"). A number is kept only as an HMAC digest (and masked for showing back to its owner); a code only
-- as a digest of number and code. Forward-only.
CREATE TABLE scenarios.phone_code (
  phone text PRIMARY KEY,
  code text NOT NULL,
  sent_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  -- Sends per China day, against SMS bombing of one number.
  day date NOT NULL,
  sends_today integer NOT NULL DEFAULT 1
);
--> statement-breakpoint
ALTER TABLE scenarios.device ADD COLUMN phone text, ADD COLUMN phone_masked text;
--> statement-breakpoint
ALTER TABLE scenarios.vote ADD COLUMN phone text;
--> statement-breakpoint
-- A verified phone votes once per case per round, whichever device it verified on.
CREATE UNIQUE INDEX vote_one_per_phone ON scenarios.vote (round_id, case_id, phone) WHERE phone IS NOT NULL;

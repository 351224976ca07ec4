-- Each indicator's history (issue 15, "review sees everything"): every change of a value or an explanation and every
-- evidence upload, per submission and indicator, with who and when, so every kind of reviewer can see it.
CREATE TABLE assessment.value_change (
  id bigserial PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES assessment.submission(id),
  indicator_code text NOT NULL,
  kind text NOT NULL,
  before text,
  after text,
  actor text,
  at timestamptz NOT NULL,
  CONSTRAINT value_change_kind_check CHECK (kind IN ('value', 'explanation', 'evidence'))
);
--> statement-breakpoint
CREATE INDEX value_change_submission_idx ON assessment.value_change (submission_id, indicator_code);

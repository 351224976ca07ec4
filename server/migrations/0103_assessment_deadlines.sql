-- Stage deadlines enforced (issue 15): a submission made after the campaign's self-assessment deadline is marked late,
-- and after the deadline only the province can reopen filling in for a region, until a day it chooses.
ALTER TABLE assessment.submission ADD COLUMN submitted_late boolean NOT NULL DEFAULT false;
--> statement-breakpoint
ALTER TABLE assessment.submission ADD COLUMN reopened_until date;
--> statement-breakpoint
-- Reminders sent before (and at) a deadline, once per submission, deadline kind and day, so the daily job is idempotent.
CREATE TABLE assessment.reminder (
  submission_id uuid NOT NULL REFERENCES assessment.submission(id),
  deadline_kind text NOT NULL,
  due date NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (submission_id, deadline_kind, due)
);

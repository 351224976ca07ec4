-- The later stages' deadlines enforced (issue 15): city review, province review and expert scoring close after their
-- campaign deadline; the province reopens one stage of one submission until a day (stage -> inclusive day); an action
-- taken after its stage's deadline is marked late on its history step, an expert's score on its assignment.
ALTER TABLE assessment.submission ADD COLUMN stage_reopened jsonb NOT NULL DEFAULT '{}'::jsonb;
--> statement-breakpoint
ALTER TABLE assessment.step ADD COLUMN late boolean NOT NULL DEFAULT false;
--> statement-breakpoint
ALTER TABLE assessment.expert_assignment ADD COLUMN scored_late boolean NOT NULL DEFAULT false;

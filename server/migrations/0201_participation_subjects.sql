-- Participation for other modules: a site check (现场核验) of another module's object by a drawn panel, and a
-- satisfaction follow-up about such an object sent to phones given or to respondents who asked for it. The subject
-- names the object in its own module (module, type, id) with a title to show. A phone given by the asking module is
-- kept only masked and as a keyed digest (one follow-up per phone and subject): that module holds the number.
ALTER TABLE participation.task DROP CONSTRAINT task_kind_check;
--> statement-breakpoint
ALTER TABLE participation.task ADD CONSTRAINT task_kind_check
  CHECK (kind IN ('service','indicator_verification','site_check'));
--> statement-breakpoint
ALTER TABLE participation.task
  ADD COLUMN subject_module text,
  ADD COLUMN subject_type text,
  ADD COLUMN subject_id text,
  ADD COLUMN subject_title text;
--> statement-breakpoint
ALTER TABLE participation.task ADD CONSTRAINT task_subject_whole CHECK (
  (subject_module IS NULL) = (subject_type IS NULL)
  AND (subject_module IS NULL) = (subject_id IS NULL)
  AND (subject_module IS NULL) = (subject_title IS NULL)
  AND (kind <> 'site_check' OR subject_module IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE participation.followup
  ALTER COLUMN action_id DROP NOT NULL,
  ALTER COLUMN response_id DROP NOT NULL,
  ADD COLUMN subject_module text,
  ADD COLUMN subject_type text,
  ADD COLUMN subject_id text,
  ADD COLUMN subject_title text,
  ADD COLUMN region_code varchar(12),
  ADD COLUMN department text,
  ADD COLUMN note text,
  ADD COLUMN phone_masked text,
  ADD COLUMN phone_digest text;
--> statement-breakpoint
-- About an action item (你提我办) or about a subject, never both; a subject follow-up asks a respondent or a phone.
ALTER TABLE participation.followup ADD CONSTRAINT followup_about CHECK (
  (action_id IS NOT NULL AND subject_id IS NULL AND response_id IS NOT NULL)
  OR (action_id IS NULL AND subject_module IS NOT NULL AND subject_type IS NOT NULL AND subject_id IS NOT NULL
      AND subject_title IS NOT NULL AND region_code IS NOT NULL AND department IS NOT NULL AND note IS NOT NULL
      AND (response_id IS NOT NULL OR phone_digest IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX followup_subject_response_uq
  ON participation.followup (subject_module, subject_type, subject_id, response_id);
--> statement-breakpoint
CREATE UNIQUE INDEX followup_subject_phone_uq
  ON participation.followup (subject_module, subject_type, subject_id, phone_digest);

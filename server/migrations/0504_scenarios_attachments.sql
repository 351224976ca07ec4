-- Photos and documents of a case: type-sniffed at upload, photos re-encoded for the phone (sharp), kept in the
-- database beside the case so a backup holds both. Forward-only.
CREATE TABLE scenarios.case_attachment (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES scenarios.scenario_case (id),
  kind varchar(8) NOT NULL CHECK (kind IN ('photo', 'document')),
  filename text NOT NULL,
  type varchar(8) NOT NULL,
  size integer NOT NULL,
  width integer,
  height integer,
  data bytea NOT NULL,
  uploaded_by uuid,
  uploaded_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX case_attachment_case_idx ON scenarios.case_attachment (case_id);

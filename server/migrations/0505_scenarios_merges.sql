-- Merge proposals (issue 10: "propose a merge that the authors accept; nothing is merged silently"): a reviewer
-- proposes retiring one case in favour of a near-duplicate; the authors of both sides consent, and only then is the
-- case retired. Forward-only.
CREATE TABLE scenarios.merge_proposal (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES scenarios.scenario_case (id),
  into_id uuid NOT NULL REFERENCES scenarios.scenario_case (id),
  reason text NOT NULL,
  status varchar(10) NOT NULL CHECK (status IN ('pending', 'merged', 'declined')),
  proposed_by uuid,
  proposed_at timestamptz NOT NULL,
  case_consent_by uuid,
  case_consent_at timestamptz,
  into_consent_by uuid,
  into_consent_at timestamptz,
  declined_by uuid,
  decline_note text,
  decided_at timestamptz
);
--> statement-breakpoint
CREATE INDEX merge_proposal_case_idx ON scenarios.merge_proposal (case_id);
--> statement-breakpoint
CREATE INDEX merge_proposal_into_idx ON scenarios.merge_proposal (into_id);
--> statement-breakpoint
-- One open proposal per pair.
CREATE UNIQUE INDEX merge_proposal_pending_key ON scenarios.merge_proposal (case_id, into_id) WHERE status = 'pending';

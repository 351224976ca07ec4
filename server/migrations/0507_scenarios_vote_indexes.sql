-- One index less for every vote written (and again when the refresh sets its status): the refresh reads a case's
-- recent votes only for cases missing from its in-memory window (recent-votes.ts), and the one-per-device index
-- (round_id, case_id, device) finds a case's votes as well. Forward-only.
DROP INDEX scenarios.vote_window_idx;

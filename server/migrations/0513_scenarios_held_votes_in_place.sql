-- A held vote is no longer listed in vote_hold as well: three more writes for every vote a burst holds (a row and two
-- index entries), which under a brigading attack — every vote a fresh device's — was most of what the refresh wrote.
-- The moderator's list finds held votes through the tally's held count and the one-per-device index (round, case);
-- a decision updates the case's held votes in place. Forward-only.
DROP TABLE scenarios.vote_hold;

-- Room on each page for every vote's status change. The refresh rewrites a vote once it is classified (counted or
-- held) and again when a later burst holds it; at fillfactor 85 only about one in four of those rewrites fitted on
-- the vote's own page (a 3-minute vote load: 47,051 HOT of 191,098), and each of the others wrote a new entry in
-- every index of the vote table (the one-per-device index grew to 300 bytes a vote). At 50, the first rewrite of
-- every vote on a page fits beside it, and pruning frees the old versions for the next. New pages only;
-- Forward-only.
ALTER TABLE scenarios.vote SET (fillfactor = 50);

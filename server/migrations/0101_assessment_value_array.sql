-- Values in catalogue order beside the JSON form, so a national recompute reads 100 numbers per submission
-- instead of parsing 100 objects (see bench/assessment/RESULTS.md). NULL until the submission is next saved.
ALTER TABLE assessment.submission ADD COLUMN value_array double precision[];

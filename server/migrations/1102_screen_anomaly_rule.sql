-- Warning rules gain the anomaly condition: a trend's newest point more than `threshold` standard deviations from
-- the points before it. Forward-only.
ALTER TABLE screen.warning_rule DROP CONSTRAINT warning_rule_condition_check;
--> statement-breakpoint
ALTER TABLE screen.warning_rule
  ADD CONSTRAINT warning_rule_condition_check
  CHECK (condition IN ('below_target', 'below', 'above', 'stale', 'anomaly'));

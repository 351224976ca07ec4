-- 优秀案例动态打榜 IV: experts are drawn through the directory module (专家库), whose draw is verifiable. Forward-only.
-- Which directory draw an assignment came from (null: the demo's earlier history) and the alias shown instead of a name.
ALTER TABLE scenarios.expert_assignment ADD COLUMN draw_id uuid;
--> statement-breakpoint
ALTER TABLE scenarios.expert_assignment ADD COLUMN alias text;

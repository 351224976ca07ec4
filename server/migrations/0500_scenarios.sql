-- 优秀案例动态打榜 (Scenarios) I: taxonomy, the case library and each case's steps. Forward-only: never edit once landed.
CREATE SCHEMA scenarios;
--> statement-breakpoint
CREATE TABLE scenarios.term (
  kind text NOT NULL CHECK (kind IN ('domain','category','operating_model')),
  code text NOT NULL,
  parent text,
  zh text NOT NULL,
  en text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  sort integer NOT NULL DEFAULT 100,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, code),
  CHECK ((kind = 'category') = (parent IS NOT NULL))
);
--> statement-breakpoint
INSERT INTO scenarios.term (kind, code, parent, zh, en, sort) VALUES
  ('domain', 'gov', NULL, '优政', 'Better government', 1),
  ('domain', 'service', NULL, '惠民', 'Public services', 2),
  ('domain', 'industry', NULL, '兴业', 'Industry', 3),
  ('domain', 'foundation', NULL, '强基', 'Foundations', 4),
  ('category', 'one_network_office', 'gov', '一网通办', 'One-stop government services', 11),
  ('category', 'one_network_governance', 'gov', '一网统管', 'Unified city operations', 12),
  ('category', 'grassroots', 'gov', '基层治理', 'Grassroots governance', 13),
  ('category', 'emergency', 'gov', '应急管理', 'Emergency management', 14),
  ('category', 'market_supervision', 'gov', '市场监管', 'Market supervision', 15),
  ('category', 'health', 'service', '智慧医疗', 'Health care', 21),
  ('category', 'education', 'service', '智慧教育', 'Education', 22),
  ('category', 'elderly', 'service', '智慧养老', 'Elderly care', 23),
  ('category', 'transport', 'service', '智慧交通', 'Transport and parking', 24),
  ('category', 'community', 'service', '智慧社区', 'Smart communities', 25),
  ('category', 'culture_tourism', 'service', '文旅服务', 'Culture and tourism', 26),
  ('category', 'manufacturing', 'industry', '智能制造', 'Smart manufacturing', 31),
  ('category', 'agriculture', 'industry', '智慧农业', 'Smart agriculture', 32),
  ('category', 'logistics', 'industry', '智慧物流', 'Logistics', 33),
  ('category', 'business_environment', 'industry', '营商环境', 'Business environment', 34),
  ('category', 'data_elements', 'industry', '数据要素', 'Data as a factor of production', 35),
  ('category', 'city_brain', 'foundation', '城市大脑', 'City brain', 41),
  ('category', 'compute_network', 'foundation', '算力设施', 'Compute infrastructure', 42),
  ('category', 'data_sharing', 'foundation', '数据共享', 'Data sharing', 43),
  ('category', 'iot_sensing', 'foundation', '感知体系', 'IoT sensing', 44),
  ('category', 'cim_twin', 'foundation', 'CIM与数字孪生', 'CIM and digital twins', 45),
  ('operating_model', 'gov_led', NULL, '政府引导', 'Government-led', 1),
  ('operating_model', 'market', NULL, '市场运作', 'Market-run', 2),
  ('operating_model', 'enterprise', NULL, '企业参与', 'Enterprise participation', 3),
  ('operating_model', 'multi_win', NULL, '多方共赢', 'Shared benefit', 4),
  ('operating_model', 'gov_purchase', NULL, '政府购买服务', 'Government-purchased service', 5),
  ('operating_model', 'concession', NULL, '特许经营', 'Concession', 6);
--> statement-breakpoint
CREATE TABLE scenarios.scenario_case (
  id uuid PRIMARY KEY,
  region_code varchar(12) NOT NULL,
  -- The case's city (itself for a city's case, the province for the province's own): boards per city and the rule
  -- that no expert reviews a case of their own city read it without walking the region tree.
  city_code varchar(12) NOT NULL,
  title text NOT NULL,
  domain text NOT NULL,
  category text NOT NULL,
  summary text NOT NULL,
  problem text NOT NULL DEFAULT '',
  approach text NOT NULL DEFAULT '',
  results text NOT NULL DEFAULT '',
  users_served bigint NOT NULL DEFAULT 0 CHECK (users_served >= 0),
  monthly_usage bigint NOT NULL DEFAULT 0 CHECK (monthly_usage >= 0),
  savings_fen bigint NOT NULL DEFAULT 0 CHECK (savings_fen >= 0),
  operating_model text NOT NULL,
  operating_note text NOT NULL DEFAULT '',
  investment_fen bigint NOT NULL DEFAULT 0 CHECK (investment_fen >= 0),
  investment_source text NOT NULL DEFAULT '',
  go_live date,
  responsible_unit text NOT NULL DEFAULT '',
  builder text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('draft','submitted','recommended','accepted','returned','retired')),
  return_reason text,
  -- jieba tokens of the title, summary, problem, approach and tags, space-separated: the full-text index reads them
  -- with the 'simple' configuration (PostgreSQL has no Chinese parser; jieba is the segmenter).
  search_tokens text NOT NULL DEFAULT '',
  search tsvector NOT NULL DEFAULT ''::tsvector,
  is_demo boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  submitted_at timestamptz,
  accepted_at timestamptz,
  CONSTRAINT scenario_case_region_title_key UNIQUE (region_code, title)
);
--> statement-breakpoint
CREATE INDEX scenario_case_status_idx ON scenarios.scenario_case (status, updated_at DESC);
--> statement-breakpoint
CREATE INDEX scenario_case_city_idx ON scenarios.scenario_case (city_code, status);
--> statement-breakpoint
CREATE INDEX scenario_case_search_idx ON scenarios.scenario_case USING gin (search);
--> statement-breakpoint
CREATE TABLE scenarios.case_step (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES scenarios.scenario_case(id),
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  by_user_id uuid,
  by_name text NOT NULL,
  reason text,
  at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX case_step_case_idx ON scenarios.case_step (case_id, id);

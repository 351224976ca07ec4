-- The indicators citizen supervisors and media may score in co-evaluation (监督共评), by code. Campaigns opened before
-- this column existed keep an empty list until set; new campaigns default to the 数字惠民 domain of their catalogues.
ALTER TABLE assessment.campaign ADD COLUMN coeval_indicators text[] NOT NULL DEFAULT '{}';

-- 名录库 III: 科普展示中心 — yearly selection rounds, city applications scored by drawn experts, the province's
-- decision and certificate (授牌), public bookings (booker's data sealed) and quarterly activity reports.
CREATE TABLE directory.centre_round (
  id uuid PRIMARY KEY,
  year integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('exhibition','experience')),
  title text NOT NULL,
  apply_until date NOT NULL,
  experts_per_application integer NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  CONSTRAINT centre_round_year_kind_key UNIQUE (year, kind)
);
--> statement-breakpoint
CREATE SEQUENCE directory.centre_certificate_seq;
--> statement-breakpoint
CREATE TABLE directory.centre_application (
  id uuid PRIMARY KEY,
  round_id uuid NOT NULL REFERENCES directory.centre_round(id),
  name text NOT NULL,
  region_code varchar(12) NOT NULL,
  address text NOT NULL,
  lng double precision NOT NULL,
  lat double precision NOT NULL,
  operator_unit text NOT NULL,
  operator_credit_code varchar(18),
  area_sqm integer NOT NULL,
  hours jsonb NOT NULL,
  slot_capacity integer NOT NULL,
  description text NOT NULL,
  contact_name text NOT NULL,
  contact_phone_sealed text NOT NULL,
  contact_phone_masked text NOT NULL,
  status text NOT NULL CHECK (status IN ('submitted','reviewing','scored','approved','rejected')),
  draw_id uuid,
  decision_reason text,
  decided_at timestamptz,
  certificate_no text UNIQUE,
  certified_on date,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  CONSTRAINT centre_application_round_name_key UNIQUE (round_id, name)
);
--> statement-breakpoint
CREATE INDEX centre_application_region_idx ON directory.centre_application (region_code);
--> statement-breakpoint
CREATE TABLE directory.centre_score (
  application_id uuid NOT NULL REFERENCES directory.centre_application(id),
  expert_id uuid NOT NULL REFERENCES directory.expert(id),
  alias text NOT NULL,
  scores jsonb NOT NULL,
  total integer NOT NULL,
  comment text NOT NULL,
  scored_at timestamptz NOT NULL,
  PRIMARY KEY (application_id, expert_id)
);
--> statement-breakpoint
CREATE TABLE directory.centre_booking (
  id uuid PRIMARY KEY,
  centre_id uuid NOT NULL REFERENCES directory.centre_application(id),
  reference text NOT NULL UNIQUE,
  visit_date date NOT NULL,
  slot text NOT NULL CHECK (slot IN ('am','pm')),
  party_size integer NOT NULL CHECK (party_size > 0),
  name_sealed text NOT NULL,
  name_masked text NOT NULL,
  phone_sealed text NOT NULL,
  phone_masked text NOT NULL,
  created_at timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX centre_booking_slot_idx ON directory.centre_booking (centre_id, visit_date, slot);
--> statement-breakpoint
CREATE TABLE directory.centre_report (
  centre_id uuid NOT NULL REFERENCES directory.centre_application(id),
  year integer NOT NULL,
  quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  visitors integer NOT NULL CHECK (visitors >= 0),
  events integer NOT NULL CHECK (events >= 0),
  note text,
  reported_at timestamptz NOT NULL,
  PRIMARY KEY (centre_id, year, quarter)
);

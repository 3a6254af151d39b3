-- eoc schema v5: the evidence of jiangsu-2023 §四 and jiangsu-2018 §四 beyond raw telemetry.
-- Hourly buckets are UTC hours aligned to the epoch; days are UTC days.

-- The device ledger (设备台账): what the engineer enters about a device, beside what the agent reports.
ALTER TABLE devices ADD COLUMN expected_points_per_hour double precision NOT NULL DEFAULT 0; -- from the agent's poll plan
ALTER TABLE devices ADD COLUMN model text;
ALTER TABLE devices ADD COLUMN vendor text;
ALTER TABLE devices ADD COLUMN spec text;
ALTER TABLE devices ADD COLUMN purchase_value_10k_cny double precision;            -- jiangsu-2023 §四 note 2
ALTER TABLE devices ADD COLUMN ledger_updated_at timestamptz;

-- Raw points per device and hour of their device timestamps, maintained by the sink in the batch's
-- transaction (like rollups): the equipment-access, completeness and online-rate evidence.
CREATE TABLE device_hours (
  agent_id    text NOT NULL,
  device_id   text NOT NULL,
  hour        timestamptz NOT NULL,
  good        bigint NOT NULL DEFAULT 0,   -- raw points of good quality
  bad         bigint NOT NULL DEFAULT 0,   -- raw points of any other quality
  derived     bigint NOT NULL DEFAULT 0,   -- edge-analysis outputs (tags containing ':')
  backfill    bigint NOT NULL DEFAULT 0,   -- of all the above, those in batches marked backfill
  PRIMARY KEY (agent_id, device_id, hour)
);

-- Uses of the cloud's device services, counted when served (or pushed by a backfill, marked so).
CREATE TABLE service_usage (
  service     text NOT NULL,               -- ledger, inspection, work-order, maintenance, realtime, reports,
                                           -- trace, scada, alarms, remote-control, optimisation
  hour        timestamptz NOT NULL,
  backfill    boolean NOT NULL DEFAULT false,
  uses        bigint NOT NULL,
  PRIMARY KEY (service, hour, backfill)
);

CREATE TABLE users (
  id            text PRIMARY KEY,
  role          text NOT NULL CHECK (role IN ('admin', 'operator', 'assessor')),
  password_hash text NOT NULL,             -- PBKDF2-HMAC-SHA256 "pbkdf2$<iterations>$<salt b64>$<hash b64>"
  created_at    timestamptz NOT NULL,
  disabled_at   timestamptz
);

-- Bearer sessions; only the SHA-256 of a session token is stored.
CREATE TABLE user_sessions (
  token_hash  bytea PRIMARY KEY,
  user_id     text NOT NULL REFERENCES users(id),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);

-- A user was active (logged in or used a service) in an hour: monthly active users.
CREATE TABLE user_activity (
  user_id     text NOT NULL,
  hour        timestamptz NOT NULL,
  backfill    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (user_id, hour)
);

-- The system's own data operations per UTC day, with the database's committed transactions
-- (pg_stat_database.xact_commit at the first and last count of the day) as a cross-check.
CREATE TABLE data_ops_daily (
  day                 date PRIMARY KEY,
  writes              bigint NOT NULL DEFAULT 0,
  reads               bigint NOT NULL DEFAULT 0,
  xact_commit_first   bigint,
  xact_commit_last    bigint
);

-- Declared items (never measured): value with the reference of the supporting documents.
CREATE TABLE declarations (
  id          bigserial PRIMARY KEY,
  item        text NOT NULL,               -- cloud-investment, annual-cloud-investment, it-om-cost-reduction, ...
  value       double precision NOT NULL,
  unit        text NOT NULL,
  reference   text NOT NULL,
  declared_at timestamptz NOT NULL,
  declared_by text NOT NULL
);

-- eoc schema v1: agents, their devices and series, batches (unique per agent and sequence, which
-- makes the sink idempotent), and a narrow points table.
CREATE TABLE agents (
  id          text PRIMARY KEY,
  first_seen  timestamptz NOT NULL,
  last_seen   timestamptz NOT NULL
);

CREATE TABLE devices (
  agent_id    text NOT NULL REFERENCES agents(id),
  id          text NOT NULL,
  name        text NOT NULL,
  category    text NOT NULL,
  kind        text NOT NULL,
  protocol    text NOT NULL,
  simulated   boolean NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (agent_id, id)
);

CREATE TABLE series (
  id          serial PRIMARY KEY,
  agent_id    text NOT NULL,
  device_id   text NOT NULL,
  tag         text NOT NULL,
  unit        text NOT NULL DEFAULT '',
  UNIQUE (agent_id, device_id, tag)
);

CREATE TABLE batches (
  agent_id        text NOT NULL,
  seq             bigint NOT NULL,
  created_at      timestamptz NOT NULL,
  received_at     timestamptz NOT NULL,
  stored_at       timestamptz NOT NULL,
  points          integer NOT NULL,
  kafka_partition integer NOT NULL,
  kafka_offset    bigint NOT NULL,
  PRIMARY KEY (agent_id, seq)
);

CREATE TABLE points (
  time        timestamptz NOT NULL,
  series_id   integer NOT NULL,
  value       double precision,
  quality     smallint NOT NULL
);
CREATE INDEX points_series_time ON points (series_id, time DESC);

-- Messages that could not be decoded: kept with the reason, never silently dropped.
CREATE TABLE rejected_messages (
  id              bigserial PRIMARY KEY,
  agent_id        text NOT NULL,
  kind            text NOT NULL,
  reason          text NOT NULL,
  payload         bytea NOT NULL,
  received_at     timestamptz NOT NULL,
  kafka_partition integer NOT NULL,
  kafka_offset    bigint NOT NULL
);

-- eoc schema v2: agent enrolment and keys, the per-agent hash chain and its events, drop counts
-- reported by the edge, backfill marking, and the audit log.
CREATE TABLE enrolment_tokens (
  token_hash  bytea PRIMARY KEY,            -- SHA-256 of the one-time token; the token itself is never stored
  agent_id    text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);

CREATE TABLE agent_keys (
  agent_id      text PRIMARY KEY,
  suite         text NOT NULL,
  signing_key   bytea NOT NULL,             -- X.509 SubjectPublicKeyInfo DER
  agreement_key bytea NOT NULL,             -- X.509 SubjectPublicKeyInfo DER
  certificate   text,                       -- PEM of the agent's client certificate, when TLS is used
  enrolled_at   timestamptz NOT NULL
);

CREATE TABLE agent_chain (
  agent_id    text PRIMARY KEY,
  last_seq    bigint NOT NULL,
  last_hash   bytea NOT NULL,
  updated_at  timestamptz NOT NULL
);

-- Gaps, forks, replays and rejected envelopes: evidence of what the chain showed.
CREATE TABLE chain_events (
  id          bigserial PRIMARY KEY,
  agent_id    text NOT NULL,
  kind        text NOT NULL,
  seq         bigint NOT NULL,
  detail      text NOT NULL,
  at          timestamptz NOT NULL
);
CREATE INDEX chain_events_agent ON chain_events (agent_id, at);

ALTER TABLE batches ADD COLUMN backfill boolean NOT NULL DEFAULT false;
ALTER TABLE batches ADD COLUMN envelope_hash bytea;
ALTER TABLE batches ADD COLUMN wire_bytes integer;

-- Points the edge removed (invalid, abnormal, redundant), by tag and reason, as reported per batch.
CREATE TABLE drop_counts (
  agent_id    text NOT NULL,
  seq         bigint NOT NULL,
  device_id   text NOT NULL,
  tag         text NOT NULL,
  reason      text NOT NULL,
  count       bigint NOT NULL,
  PRIMARY KEY (agent_id, seq, device_id, tag, reason)
);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor       text NOT NULL,
  action      text NOT NULL,
  subject     text NOT NULL,
  outcome     text NOT NULL,
  detail      text NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

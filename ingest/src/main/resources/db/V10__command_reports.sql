-- eoc schema v10: every distinct result an agent reported about a command (guidelines README §1.2
-- remote-control). The agent keeps a result on disk and sends it until the cloud acknowledges it, so
-- the same report can arrive twice (a PUBACK lost with the connection): the key makes storing it
-- idempotent, and only a report stored for the first time may update the command and is audited.
-- The first report is the outcome ('recorded'); a later, different one is kept as 'ignored', and
-- one for a command the cloud has not sent to that agent as 'unknown'.
CREATE TABLE command_reports (
  id           uuid NOT NULL,
  agent        text NOT NULL,
  status       text NOT NULL CHECK (status IN ('APPLIED', 'REFUSED', 'FAILED', 'EXPIRED')),
  result_at    timestamptz NOT NULL,
  detail       text NOT NULL,
  read_back    double precision,
  received_at  timestamptz NOT NULL,
  outcome      text NOT NULL CHECK (outcome IN ('recorded', 'ignored', 'unknown')),
  PRIMARY KEY (id, agent, status, result_at)
);

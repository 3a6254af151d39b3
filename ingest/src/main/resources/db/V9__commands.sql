-- eoc schema v9: remote-control commands (guidelines README §1.2 remote-control). The API inserts a
-- row as SENT; the agent's result (or the transport dropping the command) updates it once.
CREATE TABLE commands (
  id          uuid PRIMARY KEY,
  agent       text NOT NULL,
  device      text NOT NULL,
  tag         text NOT NULL,
  value       double precision NOT NULL,
  issued_by   text NOT NULL,
  issued_at   timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  status      text NOT NULL CHECK (status IN ('SENT', 'APPLIED', 'REFUSED', 'FAILED', 'EXPIRED')),
  detail      text,
  result_at   timestamptz,
  read_back   double precision
);
CREATE INDEX commands_agent_issued ON commands (agent, issued_at);

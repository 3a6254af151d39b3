-- eoc schema v13: 决策优化/执行优化 (jiangsu-2023 §四 设备服务, subdomain optimisation): set-point
-- trim strategies. A strategy watches a statistic (min, mean or max) of one measured tag over a
-- window of stored points and trims a writable set point by one step at a time, within its own
-- limits, so that the statistic stays in a target band. Every evaluation is kept as a decision
-- with the reason for it; in auto mode a lower/raise is issued as a remote-control command (the
-- audited path of POST /api/commands, issued by 'optimiser:<strategy id>'), in advise mode it is
-- only recorded. A strategy's decisions go with it when it is deleted; the commands stay.

CREATE TABLE optimisation_strategies (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  agent         text NOT NULL,
  device        text NOT NULL,
  measure_tag   text NOT NULL,
  statistic     text NOT NULL CHECK (statistic IN ('min', 'mean', 'max')),
  window_length interval NOT NULL,
  band_low      double precision NOT NULL,
  band_high     double precision NOT NULL,
  setpoint_tag  text NOT NULL,
  step          double precision NOT NULL CHECK (step > 0),
  setpoint_min  double precision NOT NULL,
  setpoint_max  double precision NOT NULL,
  every         interval NOT NULL,
  mode          text NOT NULL CHECK (mode IN ('advise', 'auto')),
  effect_tag    text,
  enabled       boolean NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_by    text NOT NULL,
  updated_at    timestamptz NOT NULL,
  CHECK (band_low < band_high),
  CHECK (setpoint_min < setpoint_max)
);

-- action 'error': the evaluation failed (the reason says how); the scheduler goes on with the others.
CREATE TABLE optimisation_decisions (
  id            bigserial PRIMARY KEY,
  strategy_id   bigint NOT NULL REFERENCES optimisation_strategies(id) ON DELETE CASCADE,
  at            timestamptz NOT NULL,
  value         double precision,
  points        integer NOT NULL,
  current       double precision,
  proposed      double precision,
  action        text NOT NULL CHECK (action IN ('lower', 'raise', 'hold', 'no-data', 'error')),
  mode          text NOT NULL CHECK (mode IN ('advise', 'auto')),
  command_id    uuid,
  reason        text NOT NULL
);
CREATE INDEX optimisation_decisions_strategy_at ON optimisation_decisions (strategy_id, at DESC);

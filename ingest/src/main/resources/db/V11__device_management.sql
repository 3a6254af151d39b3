-- eoc schema v11: the device-management services of jiangsu-2023 §四 设备服务/设备管理 beside the
-- ledger: 设备点检 (inspection plans and rounds), 工单管理 (work orders with every transition) and
-- 维修保养 (maintenance plans and records). Each row names the device as the ledger does (agent, id).

CREATE TABLE inspection_plans (
  id              bigserial PRIMARY KEY,
  agent           text NOT NULL,
  device          text NOT NULL,
  name            text NOT NULL,
  interval_hours  integer NOT NULL CHECK (interval_hours > 0),
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL,
  FOREIGN KEY (agent, device) REFERENCES devices (agent_id, id)
);

-- What to check; an item tied to a tag gets the tag's latest good value and the expected range.
CREATE TABLE inspection_items (
  plan_id   bigint NOT NULL REFERENCES inspection_plans (id),
  position  integer NOT NULL,
  name      text NOT NULL,
  tag       text,
  min_value double precision,
  max_value double precision,
  PRIMARY KEY (plan_id, position),
  UNIQUE (plan_id, name)
);

CREATE TABLE inspection_records (
  id            bigserial PRIMARY KEY,
  plan_id       bigint NOT NULL REFERENCES inspection_plans (id),
  submitted_by  text NOT NULL,
  submitted_at  timestamptz NOT NULL,
  location      text
);
CREATE INDEX inspection_records_plan_time ON inspection_records (plan_id, submitted_at DESC);

-- One result per item: what the operator said, and what the round concluded (a stored value
-- outside the item's range makes it abnormal whatever the operator said; 'marked' says why).
CREATE TABLE inspection_results (
  record_id       bigint NOT NULL REFERENCES inspection_records (id),
  position        integer NOT NULL,
  item            text NOT NULL,
  reported        text NOT NULL CHECK (reported IN ('ok', 'abnormal')),
  result          text NOT NULL CHECK (result IN ('ok', 'abnormal')),
  note            text,
  tag             text,
  value           double precision,
  value_time      timestamptz,
  marked          text,
  PRIMARY KEY (record_id, position)
);

CREATE TABLE maintenance_plans (
  id             bigserial PRIMARY KEY,
  agent          text NOT NULL,
  device         text NOT NULL,
  name           text NOT NULL,
  interval_days  integer NOT NULL CHECK (interval_days > 0),
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL,
  FOREIGN KEY (agent, device) REFERENCES devices (agent_id, id)
);

CREATE TABLE work_orders (
  id                    bigserial PRIMARY KEY,
  agent                 text NOT NULL,
  device                text NOT NULL,
  kind                  text NOT NULL CHECK (kind IN ('repair', 'maintenance', 'inspection', 'other')),
  title                 text NOT NULL,
  description           text,
  state                 text NOT NULL CHECK (state IN ('open', 'in-progress', 'done', 'cancelled')),
  assignee              text REFERENCES users (id),
  alarm                 text,
  alarm_raised_at       timestamptz,
  inspection_record_id  bigint REFERENCES inspection_records (id),
  inspection_item       text,
  maintenance_plan_id   bigint REFERENCES maintenance_plans (id),
  created_by            text NOT NULL,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  FOREIGN KEY (agent, device) REFERENCES devices (agent_id, id)
);
CREATE INDEX work_orders_state ON work_orders (state, id);

-- Every step of a work order: creation, assignment and each state change, when and by whom.
CREATE TABLE work_order_events (
  id             bigserial PRIMARY KEY,
  work_order_id  bigint NOT NULL REFERENCES work_orders (id),
  at             timestamptz NOT NULL,
  by_actor       text NOT NULL,
  action         text NOT NULL CHECK (action IN ('create', 'assign', 'state')),
  from_state     text,
  to_state       text,
  assignee       text,
  note           text
);
CREATE INDEX work_order_events_order ON work_order_events (work_order_id, id);

CREATE TABLE maintenance_records (
  id             bigserial PRIMARY KEY,
  agent          text NOT NULL,
  device         text NOT NULL,
  plan_id        bigint REFERENCES maintenance_plans (id),
  work_order_id  bigint UNIQUE REFERENCES work_orders (id),
  work           text NOT NULL,
  parts          text[] NOT NULL,
  cost_cny       numeric(14, 2) NOT NULL CHECK (cost_cny >= 0),
  performed_by   text NOT NULL,
  performed_at   timestamptz NOT NULL,
  recorded_at    timestamptz NOT NULL,
  FOREIGN KEY (agent, device) REFERENCES devices (agent_id, id)
);
CREATE INDEX maintenance_records_plan_time ON maintenance_records (plan_id, performed_at DESC);

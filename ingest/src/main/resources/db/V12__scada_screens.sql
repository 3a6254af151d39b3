-- eoc schema v12: 组态画面 (jiangsu-2023 §四 数据监控/组态画面), the configurable screens: site
-- topology, online and abnormal state of the devices, running parameters. A screen's definition
-- (width, height and its elements: device, value, link, label) is validated by the cloud before it
-- is stored; its live state is computed from the stored telemetry when asked, never stored here.
-- 'version' counts the changes: an update names the version it changes (optimistic concurrency).

CREATE TABLE scada_screens (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL UNIQUE,
  description  text,
  definition   jsonb NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  updated_by   text NOT NULL,
  updated_at   timestamptz NOT NULL,
  version      integer NOT NULL CHECK (version > 0)
);

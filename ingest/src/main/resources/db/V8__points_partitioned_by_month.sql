-- eoc schema v8: without TimescaleDB, points becomes a table partitioned by RANGE (time), one
-- partition per calendar month in UTC (points_yYYYYmMM), plus points_before_2000 for device clocks
-- that were never set; the sink creates a month's partition before its first COPY there
-- (store.Partitions), and `eoc cloud --retention` drops whole months (store.Retention). Columns and
-- the (series_id, time DESC) index are those of v1, on every partition, so every query reads the
-- same rows as before. Where TimescaleDB is available, points stays as it is: Schema makes it a
-- hypertable after the migrations (a partitioned table cannot become one). The check is the one
-- Schema makes, so the two always agree; a DO block lets this script branch on it.
DO $$
DECLARE
  month date;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
    RAISE NOTICE 'TimescaleDB is available: points is left for Schema to make a hypertable';
    RETURN;
  END IF;
  ALTER TABLE points RENAME TO points_v7;
  DROP INDEX points_series_time;  -- its name passes to the partitioned index
  CREATE TABLE points (
    time        timestamptz NOT NULL,
    series_id   integer NOT NULL,
    value       double precision,
    quality     smallint NOT NULL
  ) PARTITION BY RANGE (time);
  CREATE INDEX points_series_time ON points (series_id, time DESC);
  CREATE TABLE points_before_2000 PARTITION OF points FOR VALUES FROM (MINVALUE) TO ('2000-01-01 00:00:00+00');
  -- The months the existing rows need, then the rows themselves (one pass each over the old table).
  FOR month IN SELECT DISTINCT date_trunc('month', time AT TIME ZONE 'UTC')::date FROM points_v7
                WHERE time >= '2000-01-01 00:00:00+00' LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF points FOR VALUES FROM (%L) TO (%L)',
        'points_y' || to_char(month, 'YYYY') || 'm' || to_char(month, 'MM'),
        to_char(month, 'YYYY-MM-DD') || ' 00:00:00+00',
        to_char((month + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00');
  END LOOP;
  INSERT INTO points (time, series_id, value, quality) SELECT time, series_id, value, quality FROM points_v7;
  DROP TABLE points_v7;
END
$$;

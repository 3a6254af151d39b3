-- Rollups per series for fast history and reports: 1-minute and 1-hour buckets of good, finite
-- values, maintained by the sink in the same transaction as the batch (so a redelivered batch,
-- which is not stored again, is not counted again). Buckets are aligned to the Unix epoch.
CREATE TABLE rollups (
  series_id   integer NOT NULL,
  width_s     integer NOT NULL,
  bucket      timestamptz NOT NULL,
  count       bigint NOT NULL,
  sum         double precision NOT NULL,
  min         double precision NOT NULL,
  max         double precision NOT NULL,
  PRIMARY KEY (series_id, width_s, bucket)
);

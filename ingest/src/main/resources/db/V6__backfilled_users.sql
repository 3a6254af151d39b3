-- eoc schema v6: user accounts registered with a past date by a usage backfill (simulated history,
-- only on a cloud started with --allow-backfill) are marked, like every other backfilled row.
ALTER TABLE users ADD COLUMN backfill boolean NOT NULL DEFAULT false;

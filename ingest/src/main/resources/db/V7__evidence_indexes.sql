-- eoc schema v7: indexes for collecting an assessment window's evidence without scanning whole
-- tables (agent traffic and the signed-batch stream by the hour a batch was created, refused
-- messages by reception, device and service hours by hour).
CREATE INDEX batches_created_at ON batches (created_at);
CREATE INDEX rejected_messages_received_at ON rejected_messages (received_at);
CREATE INDEX device_hours_hour ON device_hours (hour);

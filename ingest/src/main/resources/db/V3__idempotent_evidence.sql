-- Evidence rows written from Kafka carry their position there, so that re-reading a record after
-- a crash (between the database commit and the offset commit) never stores it twice.
ALTER TABLE chain_events ADD COLUMN kafka_partition integer;
ALTER TABLE chain_events ADD COLUMN kafka_offset bigint;
CREATE UNIQUE INDEX chain_events_position ON chain_events (kafka_partition, kafka_offset);
CREATE UNIQUE INDEX rejected_messages_position ON rejected_messages (kind, kafka_partition, kafka_offset);

package io.eoc.ingest.pipeline;

/**
 * The Kafka topic that holds every uplink message, keyed by agent id so that one agent's messages
 * stay in order on one partition. The message kind ("batches", "devices") and the time the
 * transport received it travel as headers.
 */
public final class UplinkTopic {
  public static final String NAME = "eoc.uplink";
  public static final String KIND_HEADER = "eoc-kind";
  public static final String RECEIVED_HEADER = "eoc-received-us";
  public static final int DEFAULT_PARTITIONS = 6;

  private UplinkTopic() {}
}

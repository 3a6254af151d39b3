package io.eoc.ingest.pipeline;

import java.util.List;

/**
 * Topics of the cloud pipeline. {@link UplinkTopic#NAME} holds what agents sent (sealed
 * envelopes, device catalogues); the pipeline writes verified, decoded batches to {@link #BATCHES},
 * chain evidence to {@link #CHAIN_EVENTS} and whatever it cannot accept, with the reason, to
 * {@link #DEAD_LETTERS}. All are keyed by agent id.
 */
public final class PipelineTopics {
  public static final String BATCHES = "eoc.batches";
  public static final String CHAIN_EVENTS = "eoc.chain-events";
  public static final String DEAD_LETTERS = "eoc.dead-letters";
  public static final String REASON_HEADER = "eoc-reason";
  public static final String BACKFILL_HEADER = "eoc-backfill";
  public static final String HASH_HEADER = "eoc-envelope-hash";
  public static final String WIRE_BYTES_HEADER = "eoc-wire-bytes";

  private PipelineTopics() {}

  /** Every topic the cloud needs, created at start. */
  public static List<String> all() {
    return List.of(UplinkTopic.NAME, BATCHES, CHAIN_EVENTS, DEAD_LETTERS);
  }
}

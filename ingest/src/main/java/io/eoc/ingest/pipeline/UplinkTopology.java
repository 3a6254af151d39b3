package io.eoc.ingest.pipeline;

import io.eoc.wire.seal.BatchOpener;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/** The cloud's stream-processing topology, built in one place and unit-tested with TopologyTestDriver. */
public final class UplinkTopology {
  static final String CHAIN_STORE = "agent-chains";
  static final String TO_BATCHES = "to-batches";
  static final String TO_EVENTS = "to-chain-events";
  static final String TO_DEAD_LETTERS = "to-dead-letters";

  private UplinkTopology() {}

  /**
   * uplink → open (verify signature, check the chain, decrypt, decode) → batches | chain events |
   * dead letters. The chain state per agent lives in a changelogged in-memory store, so it moves
   * with its partition when another cloud instance takes over.
   */
  public static Topology build(BatchOpener opener, AgentKeyLookup keys) {
    Topology t = new Topology();
    t.addSource("uplink", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), UplinkTopic.NAME);
    t.addProcessor("open", () -> new OpenEnvelopeProcessor(opener, keys), "uplink");
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CHAIN_STORE), Serdes.String(), Serdes.ByteArray()), "open");
    t.addSink(TO_BATCHES, PipelineTopics.BATCHES, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "open");
    t.addSink(TO_EVENTS, PipelineTopics.CHAIN_EVENTS, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "open");
    t.addSink(TO_DEAD_LETTERS, PipelineTopics.DEAD_LETTERS, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "open");
    return t;
  }
}

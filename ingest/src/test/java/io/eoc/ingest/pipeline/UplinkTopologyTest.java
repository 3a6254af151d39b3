package io.eoc.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.Point;
import io.eoc.wire.seal.AgentKeys;
import io.eoc.wire.seal.BatchOpener;
import io.eoc.wire.seal.BatchSealer;
import io.eoc.wire.seal.CloudKeys;
import io.eoc.wire.seal.RotationPolicy;
import io.eoc.wire.seal.SealedBatch;
import io.eoc.wire.seal.Suite;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UplinkTopologyTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private final CloudKeys cloud = CloudKeys.generate(Suite.DEFAULT);
  private final AgentKeys agent = AgentKeys.generate(Suite.DEFAULT);
  private final AtomicLong counter = new AtomicLong();
  private final BatchSealer sealer = new BatchSealer("plant-a", agent, cloud.publicKey(Suite.DEFAULT),
      counter::getAndIncrement, RotationPolicy.DEFAULT, Clock.fixed(T0, ZoneOffset.UTC));
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> uplink;
  private TestOutputTopic<String, byte[]> batches;
  private TestOutputTopic<String, byte[]> events;
  private TestOutputTopic<String, byte[]> deadLetters;

  @BeforeEach
  void setUp() {
    Properties props = new Properties();
    props.put("application.id", "topology-test");
    props.put("bootstrap.servers", "unused:9092");
    driver = new TopologyTestDriver(UplinkTopology.build(new BatchOpener(cloud),
        id -> id.equals("plant-a") ? Optional.of(agent.publicKeys("plant-a")) : Optional.empty()), props);
    uplink = driver.createInputTopic(UplinkTopic.NAME, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    batches = driver.createOutputTopic(PipelineTopics.BATCHES, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    events = driver.createOutputTopic(PipelineTopics.CHAIN_EVENTS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
    deadLetters = driver.createOutputTopic(PipelineTopics.DEAD_LETTERS, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private SealedBatch seal(long seq) throws Exception {
    return sealer.seal(new Batch("plant-a", seq, T0, List.of(Point.good("boiler-1", "p", T0.plusSeconds(seq), seq * 0.5))));
  }

  private void send(String agentId, String kind, byte[] payload) {
    RecordHeaders h = new RecordHeaders();
    h.add(UplinkTopic.KIND_HEADER, kind.getBytes(StandardCharsets.UTF_8));
    uplink.pipeInput(new TestRecord<>(agentId, payload, h, T0));
  }

  @Test
  void sealedBatchesInChainOrderComeOutDecodedAndMarked() throws Exception {
    send("plant-a", "batches", seal(0).bytes());
    send("plant-a", "backfill", seal(1).bytes());
    List<TestRecord<String, byte[]>> out = batches.readRecordsToList();
    assertThat(out).hasSize(2);
    Batch second = BatchCodec.decode(out.get(1).value());
    assertThat(second.sequence()).isEqualTo(1);
    assertThat(second.points().get(0).value()).isEqualTo(0.5);
    assertThat(out.get(1).headers().lastHeader(PipelineTopics.BACKFILL_HEADER).value()).containsExactly(1);
    assertThat(out.get(0).headers().lastHeader(PipelineTopics.BACKFILL_HEADER).value()).containsExactly(0);
    assertThat(events.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void aRedeliveryIsPassedOnForTheStoreToSkipAndIsNoEvidence() throws Exception {
    SealedBatch first = seal(0);
    send("plant-a", "batches", first.bytes());
    send("plant-a", "batches", first.bytes());
    List<TestRecord<String, byte[]>> out = batches.readRecordsToList();
    assertThat(out).hasSize(2);
    assertThat(out.get(1).value()).isEqualTo(out.get(0).value());
    assertThat(events.isEmpty()).as("a redelivery is no chain evidence").isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void anAlteredByteIsRejectedToTheDeadLettersWithTheReasonAndCounted() throws Exception {
    byte[] bytes = seal(0).bytes();
    bytes[bytes.length / 2] ^= 0x01;
    send("plant-a", "batches", bytes);
    assertThat(batches.isEmpty()).isTrue();
    TestRecord<String, byte[]> dead = deadLetters.readRecord();
    assertThat(new String(dead.headers().lastHeader(PipelineTopics.REASON_HEADER).value(), StandardCharsets.UTF_8)).isNotBlank();
    assertThat(ChainEvents.decode(events.readValue()).kind()).isEqualTo("rejected");
  }

  @Test
  void aGapIsStoredAndReportedAsEvidence() throws Exception {
    send("plant-a", "batches", seal(0).bytes());
    seal(1);
    seal(2);
    send("plant-a", "batches", seal(3).bytes());
    assertThat(batches.readRecordsToList()).hasSize(2);
    ChainEvents.Event gap = ChainEvents.decode(events.readValue());
    assertThat(gap.kind()).isEqualTo("gap");
    assertThat(gap.sequence()).isEqualTo(3);
    assertThat(gap.detail()).contains("0").contains("3");
  }

  @Test
  void anUnknownAgentAndAnAgentSendingAnotherAgentsEnvelopeAreRejected() throws Exception {
    byte[] envelope = seal(0).bytes();
    send("plant-b", "batches", envelope);
    assertThat(new String(deadLetters.readRecord().headers().lastHeader(PipelineTopics.REASON_HEADER).value(), StandardCharsets.UTF_8))
        .contains("names agent 'plant-a' but came from agent 'plant-b'");
    send("plant-a", "unknown-kind", envelope);
    assertThat(new String(deadLetters.readRecord().headers().lastHeader(PipelineTopics.REASON_HEADER).value(), StandardCharsets.UTF_8))
        .contains("unknown message kind");
    assertThat(batches.isEmpty()).isTrue();
  }

  @Test
  void tenThousandMalformedEnvelopesAreAllDeadLetteredAndThePipelineGoesOn() throws Exception {
    java.util.Random random = new java.util.Random(7);
    byte[] valid = seal(0).bytes();
    for (int i = 0; i < 10_000; i++) {
      byte[] junk = i % 2 == 0 ? new byte[random.nextInt(300)] : valid.clone();
      if (i % 2 == 0) {
        random.nextBytes(junk);
      } else {
        junk[random.nextInt(junk.length)] ^= (byte) (1 + random.nextInt(255));
      }
      send("plant-a", "batches", junk);
    }
    assertThat(deadLetters.getQueueSize()).isEqualTo(10_000);
    assertThat(batches.isEmpty()).isTrue();
    send("plant-a", "batches", valid);
    assertThat(BatchCodec.decode(batches.readValue()).sequence()).isZero();
  }

  @Test
  void deviceCataloguesPassThrough() {
    send("plant-a", "devices", new byte[] {1, 2, 3});
    assertThat(batches.readValue()).containsExactly(1, 2, 3);
  }
}

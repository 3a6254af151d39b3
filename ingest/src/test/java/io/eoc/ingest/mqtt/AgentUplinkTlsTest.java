package io.eoc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.edge.uplink.MqttUplink;
import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.DeviceCatalog;
import io.eoc.wire.Point;
import io.eoc.wire.pki.TlsContexts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** End to end: the edge agent's uplink ships batches to this transport over mutual TLS. */
class AgentUplinkTlsTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final TlsFixture pki = new TlsFixture();
  private final ExecutorService kafka = Executors.newSingleThreadExecutor();
  private final RecordingUplink handler = RecordingUplink.completingOn(kafka);
  private final RecordingAuditLog audit = new RecordingAuditLog();
  private MqttTransport transport;
  private MqttUplink uplink;
  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path dir;
  private io.eoc.edge.outbox.Outbox outbox;

  @BeforeEach
  void startTransport() throws Exception {
    MqttTransportConfig config = MqttTransportConfig.builder().tls(pki.transportTls()).build();
    transport = MqttTransport.start(config, handler, Authenticator.allowAll(), Clock.systemUTC(), audit);
  }

  @AfterEach
  void stopAll() throws Exception {
    if (uplink != null) {
      uplink.close();
    }
    if (outbox != null) {
      outbox.close();
    }
    transport.close();
    kafka.shutdown();
    assertThat(kafka.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private static Batch decode(byte[] payload) {
    try {
      return BatchCodec.decode(payload);
    } catch (io.eoc.wire.MalformedMessageException e) {
      throw new AssertionError(e);
    }
  }

  private static Batch batch(long sequence) {
    Instant at = T0.plusSeconds(sequence);
    return new Batch("gw-1", sequence, at, List.of(Point.good("boiler-1", "temperature", at, 80 + sequence)));
  }

  @Test
  void batchesRefusedByTheRateLimitStayInTheOutboxAndAreSentAgainUntilAllArrive() throws Exception {
    transport.close();
    transport = MqttTransport.start(MqttTransportConfig.builder().tls(pki.transportTls())
        .rateLimit(new AgentRateLimit(5, 10_000_000, Duration.ofSeconds(1), Duration.ofSeconds(60))).build(),
        handler, Authenticator.allowAll(), Clock.systemUTC(), audit);
    outbox = io.eoc.edge.outbox.Outbox.open(dir, io.eoc.edge.outbox.OutboxConfig.defaults(), Clock.systemUTC());
    for (long sequence = 0; sequence < 20; sequence++) {
      outbox.append(sequence, BatchCodec.encode(batch(sequence)));
    }
    uplink = new MqttUplink("ssl://127.0.0.1:" + transport.port(), "gw-1", Optional.empty(),
        () -> new DeviceCatalog("gw-1", T0, List.of()), outbox, new MqttUplink.Settings(20, Duration.ofMinutes(5)),
        Optional.of(TlsContexts.agent(pki.agent("gw-1"))), Clock.systemUTC(), seq -> { });

    uplink.start();

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (outbox.stats().depthRecords() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(outbox.stats().depthRecords()).as("every batch acknowledged in the end").isZero();
    assertThat(uplink.stats().throttledBatches()).as("a burst of 20 over a limit of 5/s is throttled").isPositive();
    assertThat(uplink.stats().refusedBatches()).as("nothing is dropped as refused").isZero();
    assertThat(uplink.stats().ackedBatches()).isEqualTo(20);
    List<Long> sequences = handler.messages().stream().filter(m -> m.topic().endsWith("/batches"))
        .map(m -> decode(m.payload()).sequence()).distinct().sorted().toList();
    assertThat(sequences).hasSize(20);
    List<Long> firstArrivals = handler.messages().stream().filter(m -> m.topic().endsWith("/batches"))
        .map(m -> decode(m.payload()).sequence()).distinct().toList();
    assertThat(firstArrivals).as("batches reach the cloud in order (no gap, no late batch in the chain)").isSorted();
  }

  @Test
  void agentShipsBatchesOverMutualTlsAndTheCloudKnowsItByItsCertificate() throws Exception {
    outbox = io.eoc.edge.outbox.Outbox.open(dir, io.eoc.edge.outbox.OutboxConfig.defaults(), Clock.systemUTC());
    for (long sequence = 0; sequence < 20; sequence++) {
      outbox.append(sequence, BatchCodec.encode(batch(sequence)));
    }
    uplink = new MqttUplink("ssl://127.0.0.1:" + transport.port(), "gw-1", Optional.empty(),
        () -> new DeviceCatalog("gw-1", T0, List.of()), outbox, new MqttUplink.Settings(8, Duration.ofMinutes(5)),
        Optional.of(TlsContexts.agent(pki.agent("gw-1"))), Clock.systemUTC(), seq -> { });

    uplink.start();

    assertThat(handler.awaitCalls(1 + 20)).as("the device catalogue and 20 batches arrive").isTrue();
    assertThat(uplink.drain(Duration.ofSeconds(5))).as("every batch acknowledged").isTrue();
    assertThat(uplink.stats().ackedBatches()).isEqualTo(20);
    List<UplinkMessage> batches = handler.messages().stream().filter(m -> m.topic().endsWith("/batches")).toList();
    assertThat(batches).hasSize(20).allSatisfy(m -> assertThat(m.agentId()).isEqualTo("gw-1"));
    assertThat(BatchCodec.decode(batches.get(19).payload())).isEqualTo(batch(19));
    assertThat(transport.stats().tlsFailuresTotal()).isZero();
    assertThat(audit.events()).isEmpty();
  }
}

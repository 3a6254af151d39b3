package io.eoc.edge;

import io.eoc.edge.identity.AgentIdentity;
import io.eoc.edge.outbox.Outbox;
import io.eoc.edge.outbox.OutboxConfig;
import io.eoc.edge.outbox.OutboxFullException;
import io.eoc.edge.uplink.MqttUplink;
import io.eoc.edge.uplink.UplinkStats;
import io.eoc.wire.Batch;
import io.eoc.wire.DeviceCatalog;
import io.eoc.wire.DeviceInfo;
import io.eoc.wire.DropCount;
import io.eoc.wire.Point;
import io.eoc.wire.seal.BatchSealer;
import io.eoc.wire.seal.RotationPolicy;
import io.eoc.wire.seal.SealedBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Pushes history (points with device timestamps in the past) to the cloud through the same path as
 * a live agent: the enrolled identity, sealing (signature, encryption, hash chain), the durable
 * outbox and the MQTT uplink over mutual TLS. Every batch goes to the backfill topic, so the cloud
 * marks it as backfilled and reports say so. Each batch carries the creation time an agent would
 * have given it then (the time of its last reading), so its traffic and edge statistics count for
 * the period it describes.
 */
public final class HistoryUplink implements AutoCloseable {
  /** Batches allowed to wait in the outbox before {@link #send} waits for acknowledgements. */
  private static final int MAX_BACKLOG = 400;

  private final String agentId;
  private final BatchSealer sealer;
  private final AgentIdentity identity;
  private final Outbox outbox;
  private final MqttUplink uplink;
  private final Clock clock;

  private HistoryUplink(String agentId, BatchSealer sealer, AgentIdentity identity, Outbox outbox, MqttUplink uplink,
      Clock clock) {
    this.agentId = agentId;
    this.sealer = sealer;
    this.identity = identity;
    this.outbox = outbox;
    this.uplink = uplink;
    this.clock = clock;
  }

  /**
   * Connects an enrolled agent identity (under {@code dataDir}) to {@code cloudUrl} ({@code ssl://}
   * for mutual TLS), announcing {@code devices} as its catalogue.
   */
  public static HistoryUplink open(String agentId, Path dataDir, String cloudUrl, List<DeviceInfo> devices, Clock clock)
      throws IOException {
    AgentIdentity identity = AgentIdentity.load(agentId, dataDir);
    if (cloudUrl.startsWith("ssl://") && identity.tlsContext().isEmpty()) {
      throw new IOException("agent '" + agentId + "' has no TLS certificate for " + cloudUrl + ": enrol it first");
    }
    BatchSealer sealer = new BatchSealer(agentId, identity.keys(), identity.cloudKey(), identity.nonces(),
        RotationPolicy.DEFAULT, clock, identity.sealerState(clock.instant()));
    Outbox outbox = Outbox.open(dataDir.resolve("outbox"), OutboxConfig.defaults(), clock);
    MqttUplink uplink = new MqttUplink(cloudUrl, agentId, Optional.empty(),
        () -> new DeviceCatalog(agentId, clock.instant(), devices), outbox, MqttUplink.Settings.allBackfill(100),
        cloudUrl.startsWith("ssl://") ? identity.tlsContext() : Optional.empty(), clock, seq -> { });
    uplink.start();
    return new HistoryUplink(agentId, sealer, identity, outbox, uplink, clock);
  }

  /**
   * Seals {@code points} as the next batch and makes it durable in the outbox; waits while the
   * cloud is more than a few hundred batches behind, so history never floods the disk.
   */
  public void send(List<Point> points, List<DropCount> dropped, java.time.Instant createdAt)
      throws IOException, InterruptedException {
    while (outbox.stats().depthRecords() >= MAX_BACKLOG) {
      Thread.sleep(20);
    }
    Batch batch = new Batch(agentId, sealer.state().lastSequence() + 1, createdAt, points, dropped);
    SealedBatch sealed = sealer.seal(batch);
    identity.saveSealerState(sealer.state());
    try {
      outbox.append(batch.sequence(), sealed.bytes());
    } catch (OutboxFullException e) {
      throw new IOException("outbox full while sending history: " + e.getMessage(), e);
    }
  }

  /** Waits until the cloud acknowledged every batch sent, at most {@code timeout}. */
  public boolean awaitAcknowledged(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (outbox.stats().depthRecords() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Batches waiting in the outbox for the cloud's acknowledgement. */
  public long backlog() {
    return outbox.stats().depthRecords();
  }

  public UplinkStats stats() {
    return uplink.stats();
  }

  @Override
  public void close() throws IOException {
    uplink.close();
    outbox.close();
  }
}

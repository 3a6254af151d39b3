package io.eoc.edge.uplink;

import io.eoc.edge.Backoff;
import io.eoc.edge.outbox.Outbox;
import io.eoc.edge.outbox.OutboxRecord;
import io.eoc.wire.DeviceCatalog;
import io.eoc.wire.DeviceCatalogCodec;
import io.eoc.wire.Topics;
import io.eoc.wire.pki.TlsContexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to the cloud with MQTT 5, QoS 1, up to {@code window} batches in flight, in
 * sequence order. A batch leaves the outbox only when the cloud acknowledged it (the cloud
 * acknowledges only what Kafka holds). After a lost connection everything unacknowledged is sent
 * again, which the cloud recognises by the hash chain. Batches stored longer ago than
 * {@code backfillAfter} go to the backfill topic, so the cloud marks them as backfilled.
 */
public final class MqttUplink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttUplink.class);
  private static final long MAX_BYTES_PER_PULL = 8L << 20;

  private final String agentId;
  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final Supplier<DeviceCatalog> catalog;
  private final Outbox outbox;
  private final Settings settings;
  private final Clock clock;
  private final LongConsumer onAcked;
  private final Thread sender;
  private final Backoff connectBackoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), new Random());
  private final Object lock = new Object();
  private final Counters counters = new Counters();
  private volatile java.util.function.Consumer<byte[]> commands;
  private volatile Runnable connectListener = () -> { };
  private int inFlight;
  private long generation;
  private volatile boolean connected;
  private volatile boolean running = true;
  private volatile Duration lastAckLatency;
  /** {@link System#nanoTime} until which sending pauses after the cloud's rate limit refused a batch; 0 when not paused. */
  private long resumeAt;

  /** PUBACK reason code "Quota exceeded": the cloud's per-agent rate limit; the batch is to be sent again later. */
  static final int QUOTA_EXCEEDED = 0x97;
  static final Duration THROTTLE_PAUSE = Duration.ofSeconds(1);

  /** Flow settings: batches in flight, and the age from which a batch counts as backfill. */
  public record Settings(int window, Duration backfillAfter) {
    public static final Settings DEFAULT = new Settings(100, Duration.ofSeconds(30));

    /** Every batch goes to the backfill topic: for history pushed on purpose ({@code eoc backfill}). */
    public static Settings allBackfill(int window) {
      return new Settings(window, Duration.ZERO);
    }

    public Settings {
      if (window < 1) {
        throw new IllegalArgumentException("window must be >= 1");
      }
    }
  }

  /**
   * @param tls the agent's mutual-TLS context ({@link TlsContexts#agent}); then {@code serverUri}
   *     must be {@code ssl://host:port} and the cloud's certificate must name that host
   * @param onAcked told the sequence of every batch the cloud acknowledged
   */
  public MqttUplink(String serverUri, String agentId, Optional<String> token, Supplier<DeviceCatalog> catalog,
      Outbox outbox, Settings settings, Optional<SSLContext> tls, Clock clock, LongConsumer onAcked) {
    String[] uris = serverUri.split(",");
    if (tls.isPresent() && !java.util.Arrays.stream(uris).allMatch(u -> u.startsWith("ssl://"))) {
      throw new IllegalArgumentException("TLS needs ssl://host:port cloud urls, not '" + serverUri + "'");
    }
    this.agentId = agentId;
    this.catalog = catalog;
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
    this.onAcked = onAcked;
    try {
      this.client = new MqttAsyncClient(uris[0], agentId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("invalid cloud url '" + serverUri + "': " + e.getMessage(), e);
    }
    this.options = connectionOptions(agentId, token, tls);
    if (uris.length > 1) {
      options.setServerURIs(uris); // Paho tries them in turn on (re)connect
    }
    client.setCallback(new UplinkCallback(this));
    this.sender = new Thread(this::sendLoop, "eoc-uplink-" + agentId);
    sender.setDaemon(true);
  }

  private static MqttConnectionOptions connectionOptions(String agentId, Optional<String> token, Optional<SSLContext> tls) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setUserName(agentId);
    token.ifPresent(t -> o.setPassword(t.getBytes(StandardCharsets.UTF_8)));
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, 30);
    o.setKeepAliveInterval(30);
    o.setConnectionTimeout(10);
    tls.ifPresent(context -> {
      o.setSocketFactory(TlsContexts.socketFactory(context));
      o.setHttpsHostnameVerificationEnabled(true);
    });
    return o;
  }

  /**
   * Subscribes to the agent's commands topic after every (re)connect and hands each message there
   * to {@code handler}, on Paho's callback thread: the handler must not block. Call before {@link #start}.
   */
  public void onCommands(java.util.function.Consumer<byte[]> handler) {
    this.commands = java.util.Objects.requireNonNull(handler, "handler");
  }

  /** Runs {@code listener} after every (re)connect, once the catalogue is sent and commands are subscribed. Call before {@link #start}. */
  public void onConnect(Runnable listener) {
    this.connectListener = java.util.Objects.requireNonNull(listener, "listener");
  }

  /**
   * Publishes a command result with QoS 1 on the command-results topic (not through the outbox:
   * {@link io.eoc.edge.control.CommandResults} keeps results until acknowledged). The stage
   * completes with the PUBACK reason code, or exceptionally when the connection is lost first.
   *
   * @throws IOException if not connected or Paho refuses the publication now
   */
  public CompletionStage<Integer> publishCommandResult(byte[] payload) throws IOException {
    if (!connected) {
      throw new IOException("not connected to the cloud");
    }
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    try {
      client.publish(Topics.commandResults(agentId), payload, 1, false, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          int[] codes = token.getReasonCodes();
          answer.complete(codes != null && codes.length > 0 ? codes[0] : 0);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          answer.completeExceptionally(e);
        }
      });
    } catch (MqttException e) {
      throw new IOException("cannot publish a command result: " + e.getMessage(), e);
    }
    return answer;
  }

  void downlink(String topic, byte[] payload) {
    java.util.function.Consumer<byte[]> handler = commands;
    if (handler != null && topic.equals(Topics.commands(agentId))) {
      handler.accept(payload);
    } else {
      log.warn("ignoring a message on {}: nothing handles it", topic);
    }
  }

  public void start() {
    sender.start();
    connect();
  }

  public UplinkStats stats() {
    synchronized (lock) {
      return new UplinkStats(connected, inFlight, counters.published.get(), counters.acked.get(), counters.ackedBytes.get(),
          counters.backfill.get(), counters.refused.get(), counters.connects.get(), Optional.ofNullable(lastAckLatency),
          counters.throttled.get());
    }
  }

  void connect() {
    if (!running) {
      return;
    }
    try {
      client.connect(options, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          connectBackoff.reset();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          retryFirstConnect(e);
        }
      });
    } catch (MqttException e) {
      retryFirstConnect(e);
    }
  }

  /** Paho reconnects by itself only after a first successful connect; until then we retry. */
  private void retryFirstConnect(Throwable e) {
    Duration wait = connectBackoff.next();
    log.warn("cannot reach the cloud at {} ({}); retrying in {} ms", client.getServerURI(), e.getMessage(), wait.toMillis());
    Thread retry = new Thread(() -> {
      try {
        Thread.sleep(wait.toMillis());
        connect();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }, "eoc-uplink-connect");
    retry.setDaemon(true);
    retry.start();
  }

  private void sendLoop() {
    while (running) {
      try {
        long gen = awaitCapacity();
        if (gen < 0) {
          continue;
        }
        List<OutboxRecord> records = outbox.pending(capacity(), MAX_BYTES_PER_PULL);
        if (records.isEmpty()) {
          outbox.awaitPending(Duration.ofMillis(200));
        }
        records.forEach(r -> publish(r, gen));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        log.warn("uplink: reading the outbox failed, retrying: {}", e.toString());
        pause();
      }
    }
  }

  /** Waits until connected with room in the window; returns the connection generation, or -1. */
  private long awaitCapacity() throws InterruptedException {
    synchronized (lock) {
      while (running && (!connected || inFlight >= settings.window() || resumeAt != 0)) {
        if (resumeAt != 0 && System.nanoTime() - resumeAt >= 0) {
          resumeAt = 0;
          outbox.rewind(); // resend from the oldest batch the cloud has not acknowledged
          continue;
        }
        lock.wait(resumeAt != 0 ? Math.max(1, Math.min(200, (resumeAt - System.nanoTime()) / 1_000_000)) : 200);
      }
      return running ? generation : -1;
    }
  }

  private int capacity() {
    synchronized (lock) {
      return Math.max(0, settings.window() - inFlight);
    }
  }

  private void publish(OutboxRecord record, long gen) {
    boolean backfill = !record.appendedAt().isAfter(clock.instant().minus(settings.backfillAfter()));
    String topic = backfill ? Topics.backfill(agentId) : Topics.batches(agentId);
    synchronized (lock) {
      if (gen != generation) {
        return; // the connection changed since the pull: the rewind resends this record
      }
      inFlight++;
    }
    try {
      client.publish(topic, record.payload(), 1, false, null, new Delivery(this, record, gen, backfill));
      counters.published.incrementAndGet();
    } catch (MqttException | RuntimeException e) {
      log.debug("publish of batch {} failed: {}", record.sequence(), e.getMessage());
      finished(gen);
    }
  }

  void acknowledged(OutboxRecord record, long gen, boolean backfill, int reasonCode) {
    if (reasonCode == QUOTA_EXCEEDED) {
      throttled(record, gen);
      return;
    }
    try {
      outbox.ack(record.sequence());
    } catch (IOException e) {
      log.warn("could not record the acknowledgement of batch {}: {}", record.sequence(), e.toString());
    }
    if (reasonCode >= 0x80) {
      counters.refused.incrementAndGet();
      log.error("cloud refused batch {} with reason code 0x{}: removed from the outbox and counted",
          record.sequence(), Integer.toHexString(reasonCode));
    } else {
      counters.acked.incrementAndGet();
      counters.ackedBytes.addAndGet(record.payload().length);
      if (backfill) {
        counters.backfill.incrementAndGet();
      }
      lastAckLatency = Duration.between(record.appendedAt(), clock.instant());
      onAcked.accept(record.sequence());
    }
    finished(gen);
  }

  /**
   * The cloud's rate limit refused the batch (PUBACK 0x97, MQTT 5 §3.4.2.1): it stays in the
   * outbox; sending pauses for {@link #THROTTLE_PAUSE} and then resumes from the oldest
   * unacknowledged batch, so nothing is lost and the agent slows down to what the cloud allows.
   */
  private void throttled(OutboxRecord record, long gen) {
    counters.throttled.incrementAndGet();
    synchronized (lock) {
      if (gen == generation) {
        log.warn("cloud rate limit: batch {} refused with quota exceeded (0x97); kept in the outbox, pausing {} ms",
            record.sequence(), THROTTLE_PAUSE.toMillis());
        generation++;
        inFlight = 0;
        resumeAt = System.nanoTime() + THROTTLE_PAUSE.toNanos();
      }
      lock.notifyAll();
    }
  }

  void finished(long gen) {
    synchronized (lock) {
      if (gen == generation) {
        inFlight--;
      }
      lock.notifyAll();
    }
  }

  /** Called on (re)connect: the device catalogue first, then everything unacknowledged again. */
  void connected() {
    counters.connects.incrementAndGet();
    try {
      client.publish(Topics.devices(agentId), DeviceCatalogCodec.encode(catalog.get()), 1, false);
    } catch (MqttException e) {
      log.warn("could not send the device catalogue: {}", e.getMessage());
    }
    if (commands != null) {
      try {
        // Clean start: the subscription does not survive a reconnect, so it is made again each time.
        client.subscribe(Topics.commands(agentId), 1);
      } catch (MqttException e) {
        log.warn("could not subscribe to remote-control commands: {}", e.getMessage());
      }
    }
    synchronized (lock) {
      generation++;
      inFlight = 0;
      outbox.rewind();
      connected = true;
      lock.notifyAll();
    }
    try {
      connectListener.run();
    } catch (RuntimeException e) {
      log.warn("after connecting: {}", e.toString());
    }
  }

  void disconnected() {
    synchronized (lock) {
      connected = false;
      generation++;
      inFlight = 0;
      lock.notifyAll();
    }
  }

  /**
   * Waits until everything in the outbox is acknowledged, at most {@code timeout}; returns
   * whether it is. Used on shutdown, so that what was read leaves before the agent stops.
   */
  public boolean drain(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (outbox.stats().depthRecords() > 0) {
      if (System.nanoTime() > deadline || !connected) {
        return false;
      }
      synchronized (lock) {
        try {
          lock.wait(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    disconnected();
    try {
      if (client.isConnected()) {
        client.disconnect(2000).waitForCompletion(3000);
      }
    } catch (MqttException e) {
      log.debug("disconnect: {}", e.getMessage());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      log.debug("close: {}", e.getMessage());
    }
    try {
      sender.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Monotonic counters. */
  private static final class Counters {
    final AtomicLong published = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong ackedBytes = new AtomicLong();
    final AtomicLong backfill = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong connects = new AtomicLong();
  }
}

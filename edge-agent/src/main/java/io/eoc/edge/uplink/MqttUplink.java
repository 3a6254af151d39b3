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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
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
  /** Runs the connection attempts after a failure or a lost connection, one at a time. */
  private final ScheduledExecutorService reconnects;
  /** Held while a connection attempt is started and while {@link #close} stops them. */
  private final Object connecting = new Object();
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
  /** Pause before sending again after a publish the client could not hand over, or a delivery that failed. */
  static final Duration FAILURE_PAUSE = Duration.ofMillis(500);
  /**
   * A full window with no acknowledgement for this long is taken as lost acknowledgements: the
   * window is sent again (the cloud stores a batch once however often it arrives).
   */
  static final Duration STALL = Duration.ofSeconds(30);
  /** How long {@link #close} tries to close the MQTT client. */
  static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);
  private static final io.eoc.wire.io.LogLimiter FAILURE_LOG = new io.eoc.wire.io.LogLimiter(10);
  /** {@link System#nanoTime} of the last acknowledgement or of the start of the current generation. */
  private long progressAt = System.nanoTime();
  /** The generation changed: the sender rewinds the outbox before it reads again. */
  private boolean rewindNeeded;

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
    this.reconnects = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "eoc-uplink-connect-" + agentId);
      t.setDaemon(true);
      return t;
    });
  }

  private static MqttConnectionOptions connectionOptions(String agentId, Optional<String> token, Optional<SSLContext> tls) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setUserName(agentId);
    token.ifPresent(t -> o.setPassword(t.getBytes(StandardCharsets.UTF_8)));
    // Reconnection is ours (connectLater), not Paho's: Paho's automatic reconnect survives close()
    // when a connection attempt is under way, and the closed uplink then comes back to take the
    // session of the one that replaced it.
    o.setAutomaticReconnect(false);
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

  /** Starts a connection attempt; a failed one is tried again after a growing pause. Never after {@link #close}. */
  void connect() {
    synchronized (connecting) {
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
            connectLater("cannot reach the cloud at " + client.getServerURI() + " (" + e.getMessage() + ")");
          }
        });
      } catch (MqttException e) {
        int code = e.getReasonCode();
        if (code == MqttClientException.REASON_CODE_CLIENT_CONNECTED || code == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS) {
          return; // connected already, or an attempt under way whose outcome schedules the next
        }
        connectLater("cannot reach the cloud at " + client.getServerURI() + " (" + e.getMessage() + ")");
      }
    }
  }

  boolean isRunning() {
    return running;
  }

  /** The connection was lost or could not be made: a new attempt after the next backoff pause. */
  void connectLater(String why) {
    if (!running) {
      return;
    }
    Duration wait = connectBackoff.next();
    log.warn("{}; connecting again in {} ms", why, wait.toMillis());
    try {
      reconnects.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed meanwhile
    }
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
          restartIfStalled(gen);
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

  /**
   * Batches wait in the outbox, the connection is up, nothing is in flight or paused, and yet nothing
   * was acknowledged for {@link #STALL}: the read position has passed batches that were never
   * acknowledged. Sending starts again from the oldest, and the state is logged to find out why.
   */
  private void restartIfStalled(long gen) {
    synchronized (lock) {
      if (gen != generation || !connected || resumeAt != 0 || System.nanoTime() - progressAt < STALL.toNanos()) {
        return;
      }
      io.eoc.edge.outbox.OutboxStats o = outbox.stats();
      if (o.depthRecords() == 0) {
        progressAt = System.nanoTime();
        return;
      }
      log.warn("uplink: {} batches wait in the outbox but none was acknowledged for {} s ({} in flight of {}): "
          + "sending again from the oldest", o.depthRecords(), STALL.toSeconds(), inFlight, settings.window());
      generation++;
      inFlight = 0;
      progressAt = System.nanoTime();
      rewindNeeded = true;
      lock.notifyAll();
    }
  }

  /** Waits until connected with room in the window; returns the connection generation, or -1. */
  private long awaitCapacity() throws InterruptedException {
    synchronized (lock) {
      while (running) {
        long now = System.nanoTime();
        if (resumeAt != 0 && now - resumeAt >= 0) {
          resumeAt = 0;
          progressAt = now;
          rewindNeeded = true; // resend from the oldest batch the cloud has not acknowledged
        }
        if (connected && resumeAt == 0 && inFlight >= settings.window() && now - progressAt > STALL.toNanos()) {
          log.warn("uplink: {} batches in flight and no acknowledgement for {} s: sending them again", inFlight,
              STALL.toSeconds());
          generation++;
          inFlight = 0;
          progressAt = now;
          rewindNeeded = true;
        }
        if (connected && resumeAt == 0 && inFlight < settings.window()) {
          // Rewound here, on the thread that reads the outbox, never by the callback that changed the
          // generation: a read between that rewind and this thread noticing the new generation would
          // pass over batches that then nobody sends.
          if (rewindNeeded) {
            rewindNeeded = false;
            outbox.rewind();
          }
          return generation;
        }
        lock.wait(resumeAt != 0 ? Math.max(1, Math.min(200, (resumeAt - now) / 1_000_000)) : 200);
      }
      return -1;
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
      notDelivered(record, gen, e);
    }
  }

  /**
   * A batch the MQTT client did not take or could not deliver. When the cause passes (too many in
   * flight in the client, a connection coming or going, a timeout) it is not passed over: this batch
   * and everything after it are sent again after a pause. Otherwise (a batch the client can never
   * send) it is logged and left in the outbox, to be tried again at the next connection, so that one
   * such batch does not stop all the others.
   */
  void notDelivered(OutboxRecord record, long gen, Throwable e) {
    String why = "batch " + record.sequence() + " not delivered (" + (e == null ? "no reason given" : e.getMessage()) + ")";
    if (e == null || passing(e)) {
      retryLater(gen, why);
    } else {
      log.error("uplink: {}; it stays in the outbox and is tried again at the next connection", why, e);
      finished(gen);
    }
  }

  static boolean passing(Throwable e) {
    if (!(e instanceof MqttException m)) {
      return false;
    }
    return switch (m.getReasonCode()) {
      case MqttClientException.REASON_CODE_MAX_INFLIGHT, MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED,
          MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS, MqttClientException.REASON_CODE_CLIENT_DISCONNECTING,
          MqttClientException.REASON_CODE_CONNECTION_LOST, MqttClientException.REASON_CODE_CLIENT_TIMEOUT,
          MqttClientException.REASON_CODE_WRITE_TIMEOUT -> true;
      default -> false;
    };
  }

  /**
   * A batch could not be handed over, or its delivery failed without an answer from the cloud: it
   * stays in the outbox; sending pauses for {@link #FAILURE_PAUSE} and resumes from the oldest
   * unacknowledged batch, as after a refusal by the rate limit.
   */
  void retryLater(long gen, String why) {
    synchronized (lock) {
      if (gen == generation) {
        if (FAILURE_LOG.allow()) {
          long skipped = FAILURE_LOG.drainSuppressed();
          log.warn("uplink: {}; sending again from the oldest unacknowledged batch in {} ms{}", why,
              FAILURE_PAUSE.toMillis(), skipped > 0 ? " (" + skipped + " more not logged)" : "");
        }
        generation++;
        inFlight = 0;
        resumeAt = System.nanoTime() + FAILURE_PAUSE.toNanos();
      }
      lock.notifyAll();
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
        progressAt = System.nanoTime();
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
      progressAt = System.nanoTime();
      rewindNeeded = true;
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
    pause(200);
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops sending and closes the connection for good: no attempt to connect is started after
   * this, and one under way is broken off, so a closed uplink never comes back.
   */
  @Override
  public void close() {
    synchronized (connecting) {
      running = false;
    }
    reconnects.shutdownNow();
    disconnected();
    closeClient();
    try {
      sender.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Paho refuses to close a client that is connecting, connected or disconnecting; the connection
   * is taken down (politely when it is up, forcibly otherwise) until the client closes.
   */
  private void closeClient() {
    try {
      if (client.isConnected()) {
        client.disconnect(2000).waitForCompletion(3000);
      }
    } catch (MqttException e) {
      log.debug("disconnect: {}", e.getMessage());
    }
    long deadline = System.nanoTime() + CLOSE_WITHIN.toNanos();
    while (true) {
      try {
        client.close(true);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_CLOSED) {
          return;
        }
        if (System.nanoTime() - deadline > 0) {
          log.warn("the MQTT client to {} did not close within {} s: {}", client.getServerURI(), CLOSE_WITHIN.toSeconds(),
              e.getMessage());
          return;
        }
        try {
          client.disconnectForcibly(0, 500, false);
        } catch (MqttException ignored) {
          // not connected or already disconnecting: wait and try closing again
        }
        pause(50);
      }
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

package io.eoc.cli.bench;

import io.eoc.edge.identity.AgentIdentity;
import io.eoc.edge.identity.Enroller;
import io.eoc.wire.Batch;
import io.eoc.wire.Point;
import io.eoc.wire.Topics;
import io.eoc.wire.pki.TlsContexts;
import io.eoc.wire.seal.BatchSealer;
import io.eoc.wire.seal.RotationPolicy;
import io.eoc.wire.seal.SealedBatch;
import io.eoc.wire.seal.Suite;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
 * An agent without devices: enrolled like a real one, it "polls" {@code devices × tags} series at
 * a fixed rate (values a seeded random walk, timestamps the poll time), fills batches, seals them
 * with its own keys and publishes them over MQTT 5, QoS 1, mutual TLS, with up to {@code window}
 * batches unacknowledged. The outbox is left out on purpose: the generator must stay cheap so that
 * the cloud, not the load, is what is measured.
 */
final class SyntheticAgent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyntheticAgent.class);

  /** Load shape of one agent. {@code pointsPerSecond} 0 means as fast as the window allows. */
  record Load(int devices, int tags, double pointsPerSecond, int batchPoints, Duration maxDelay, int window) {
    Load {
      if (devices < 1 || tags < 1 || batchPoints < 1 || window < 1 || pointsPerSecond < 0) {
        throw new IllegalArgumentException("invalid load " + devices + "x" + tags + ", batch " + batchPoints
            + ", window " + window + ", rate " + pointsPerSecond);
      }
    }

    int series() {
      return devices * tags;
    }
  }

  private final String agentId;
  private final Load load;
  private final BatchSealer sealer;
  private final MqttAsyncClient client;
  private final BooleanSupplier measuring;
  private final Consumer<SentBatch> sent;
  private final BooleanSupplier mayPublish;
  private final Semaphore window;
  private final Random random;
  private final String[] deviceNames;
  private final String[] tagNames;
  private final double[] values;
  private final Thread thread;
  private final AtomicLong pointsGenerated = new AtomicLong();
  private final AtomicLong pointsAcked = new AtomicLong();
  private final AtomicLong batchesAcked = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean running = true;
  private long sequence;
  private long lastPollMicros;

  private SyntheticAgent(String agentId, Load load, BatchSealer sealer, MqttAsyncClient client, BooleanSupplier measuring,
      Consumer<SentBatch> sent, BooleanSupplier mayPublish, long seed) {
    this.agentId = agentId;
    this.mayPublish = mayPublish;
    this.load = load;
    this.sealer = sealer;
    this.client = client;
    this.measuring = measuring;
    this.sent = sent;
    this.window = new Semaphore(load.window());
    this.random = new Random(seed);
    this.deviceNames = names("dev-", load.devices());
    this.tagNames = names("tag-", load.tags());
    this.values = new double[load.series()];
    this.thread = new Thread(this::generate, "bench-agent-" + agentId);
    thread.setDaemon(true);
  }

  /**
   * Enrols {@code agentId} over the cloud's HTTP API with a one-time {@code token}, loads the
   * identity Enroller wrote under {@code dataDir} and connects to {@code mqttUri} with its client
   * certificate. Generation starts with {@link #start}.
   */
  static SyntheticAgent enrol(String agentId, Path dataDir, URI api, String token, String mqttUri, Load load,
      BooleanSupplier measuring, Consumer<SentBatch> sent, BooleanSupplier mayPublish, long seed) throws IOException, InterruptedException, MqttException {
    Enroller.enrol(agentId, dataDir, api, token, Suite.DEFAULT);
    AgentIdentity identity = AgentIdentity.load(agentId, dataDir);
    Clock clock = Clock.systemUTC();
    BatchSealer sealer = new BatchSealer(agentId, identity.keys(), identity.cloudKey(), identity.nonces(),
        RotationPolicy.DEFAULT, clock, identity.sealerState(clock.instant()));
    SSLContext tls = identity.tlsContext().orElseThrow(() -> new IOException("agent " + agentId
        + " enrolled without a TLS certificate; the benchmark needs mutual TLS"));
    MqttAsyncClient client = new MqttAsyncClient(mqttUri, agentId, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setUserName(agentId);
    o.setKeepAliveInterval(30);
    o.setConnectionTimeout(10);
    o.setSocketFactory(TlsContexts.socketFactory(tls));
    o.setHttpsHostnameVerificationEnabled(true);
    client.connect(o).waitForCompletion(15_000);
    return new SyntheticAgent(agentId, load, sealer, client, measuring, sent, mayPublish, seed);
  }

  void start() {
    thread.start();
  }

  /** Stops generating and waits (bounded) until every published batch was acknowledged. */
  void stop(Duration bound) throws InterruptedException {
    running = false;
    thread.join(bound.toMillis());
    if (window.tryAcquire(load.window(), bound.toMillis(), TimeUnit.MILLISECONDS)) {
      window.release(load.window());
    } else {
      log.warn("agent {}: {} batches still unacknowledged after {}", agentId, load.window() - window.availablePermits(), bound);
    }
  }

  String agentId() {
    return agentId;
  }

  long pointsGenerated() {
    return pointsGenerated.get();
  }

  long pointsAcked() {
    return pointsAcked.get();
  }

  long batchesAcked() {
    return batchesAcked.get();
  }

  long failures() {
    return failures.get();
  }

  private void generate() {
    long interval = load.pointsPerSecond() == 0 ? 0 : (long) (load.series() * 1e9 / load.pointsPerSecond());
    long next = System.nanoTime();
    Pending pending = new Pending(load.batchPoints());
    try {
      while (running) {
        if (interval > 0) {
          next = awaitTick(next, interval);
        }
        poll(pending);
      }
      if (!pending.points.isEmpty()) {
        ship(pending);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | MqttException | RuntimeException e) {
      failures.incrementAndGet();
      log.error("agent {}: generator stopped", agentId, e);
    }
  }

  /** Waits for the next poll; a generator more than a second late restarts its schedule instead of bursting. */
  private static long awaitTick(long next, long interval) {
    long now = System.nanoTime();
    while (next - now > 0) {
      LockSupport.parkNanos(next - now);
      now = System.nanoTime();
    }
    return now - next > 1_000_000_000L ? now + interval : next + interval;
  }

  /** One poll of every series at one instant; ships whenever the batch fills or grows too old. */
  private void poll(Pending pending) throws IOException, MqttException, InterruptedException {
    long micros = Math.max(nowMicros(), lastPollMicros + 1); // distinct per agent: no (series, time) clash
    lastPollMicros = micros;
    Instant at = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    int i = 0;
    for (String device : deviceNames) {
      for (String tag : tagNames) {
        values[i] += random.nextGaussian();
        pending.add(Point.good(device, tag, at, values[i]), micros);
        i++;
        if (pending.points.size() == load.batchPoints()) {
          ship(pending);
        }
      }
    }
    pointsGenerated.addAndGet(i);
    if (!pending.points.isEmpty() && micros - pending.firstMicros() >= load.maxDelay().toNanos() / 1000) {
      ship(pending);
    }
  }

  private void ship(Pending pending) throws IOException, MqttException, InterruptedException {
    awaitPermission();
    List<Point> points = pending.points;
    SealedBatch sealed = sealer.seal(new Batch(agentId, sequence, Instant.now(), points));
    SentBatch record = new SentBatch(agentId, sequence, pending.pollTimes(), pending.pollCounts(), nowMicros(),
        measuring.getAsBoolean());
    int size = points.size();
    sequence++;
    pending.clear();
    window.acquire();
    sent.accept(record);
    try {
      client.publish(Topics.batches(agentId), sealed.bytes(), 1, false, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          pointsAcked.addAndGet(size);
          batchesAcked.incrementAndGet();
          window.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          failures.incrementAndGet();
          window.release();
          log.warn("agent {}: batch {} not acknowledged: {}", agentId, record.sequence(), e.toString());
        }
      });
    } catch (MqttException | RuntimeException e) {
      window.release();
      throw e;
    }
  }

  /**
   * Closed loop for "as fast as possible": MQTT acknowledges once Kafka holds a batch, so the
   * window alone lets the load run far ahead of the database; waiting here until few batches are
   * unstored makes the generator follow what the whole pipeline sustains. Bounded, in case the
   * observer that answers stopped.
   */
  private void awaitPermission() {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!mayPublish.getAsBoolean() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(500_000);
    }
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  private static String[] names(String prefix, int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = String.format("%s%03d", prefix, i + 1);
    }
    return out;
  }

  @Override
  public void close() {
    running = false;
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close();
    } catch (MqttException e) {
      log.debug("agent {}: closing MQTT: {}", agentId, e.toString());
    }
  }

  /** The batch being filled, with its points grouped by poll time. */
  private static final class Pending {
    final List<Point> points;
    private final long[] times;
    private final int[] counts;
    private int polls;

    Pending(int capacity) {
      this.points = new ArrayList<>(capacity);
      this.times = new long[capacity];
      this.counts = new int[capacity];
    }

    void add(Point p, long micros) {
      if (polls == 0 || times[polls - 1] != micros) {
        times[polls] = micros;
        counts[polls] = 0;
        polls++;
      }
      counts[polls - 1]++;
      points.add(p);
    }

    long firstMicros() {
      return times[0];
    }

    long[] pollTimes() {
      return java.util.Arrays.copyOf(times, polls);
    }

    int[] pollCounts() {
      return java.util.Arrays.copyOf(counts, polls);
    }

    void clear() {
      points.clear(); // the sealed Batch holds its own copy (List.copyOf)
      polls = 0;
    }
  }
}

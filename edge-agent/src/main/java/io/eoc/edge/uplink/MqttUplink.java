package io.eoc.edge.uplink;

import io.eoc.edge.Backoff;
import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.DeviceCatalog;
import io.eoc.wire.DeviceCatalogCodec;
import io.eoc.wire.Topics;
import io.eoc.wire.pki.TlsContexts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships batches to the cloud with MQTT 5, QoS 1, keeping up to {@code window} batches in flight.
 * A batch leaves the queue only when the cloud acknowledged it (the cloud acknowledges only after
 * the batch is durable in Kafka); on a lost connection the unacknowledged ones go back to the
 * front of the queue and are sent again, which the cloud deduplicates by (agent, sequence).
 *
 * <p>The queue is in memory and bounded: when full, the oldest batch is dropped and counted.
 */
public final class MqttUplink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttUplink.class);

  private final String agentId;
  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final Supplier<DeviceCatalog> catalog;
  private final int window;
  private final int maxQueued;
  private final Deque<Batch> queue = new ArrayDeque<>();
  private final Thread sender;
  private final Backoff connectBackoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), new Random());
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong ackedPoints = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong droppedPoints = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private int inFlight;
  private volatile boolean connected;
  private volatile boolean running = true;

  public MqttUplink(String serverUri, String agentId, Optional<String> token,
      Supplier<DeviceCatalog> catalog, int window, int maxQueued) {
    this(serverUri, agentId, token, catalog, window, maxQueued, Optional.empty());
  }

  /**
   * @param tls the agent's mutual-TLS context ({@link TlsContexts#agent}): it presents the agent's
   *     certificate, trusts only the cloud's CA, and checks that the cloud's certificate names the
   *     host of {@code serverUri}, which must then be {@code ssl://host:port}. Only TLS 1.3 and 1.2.
   */
  public MqttUplink(String serverUri, String agentId, Optional<String> token,
      Supplier<DeviceCatalog> catalog, int window, int maxQueued, Optional<SSLContext> tls) {
    if (tls.isPresent() && !serverUri.startsWith("ssl://")) {
      throw new IllegalArgumentException("TLS needs an ssl://host:port cloud url, not '" + serverUri + "'");
    }
    this.agentId = agentId;
    this.catalog = catalog;
    this.window = window;
    this.maxQueued = maxQueued;
    try {
      this.client = new MqttAsyncClient(serverUri, agentId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("invalid cloud url '" + serverUri + "': " + e.getMessage(), e);
    }
    this.options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setUserName(agentId);
    token.ifPresent(t -> options.setPassword(t.getBytes(StandardCharsets.UTF_8)));
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 30);
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(10);
    tls.ifPresent(context -> {
      options.setSocketFactory(TlsContexts.socketFactory(context));
      options.setHttpsHostnameVerificationEnabled(true);
    });
    client.setCallback(new Callback());
    this.sender = new Thread(this::sendLoop, "eoc-uplink-" + agentId);
    sender.setDaemon(true);
  }

  public void start() {
    sender.start();
    connect();
  }

  /** Queues a batch; never blocks. When the queue is full the oldest batch is dropped and counted. */
  public void offer(Batch batch) {
    synchronized (queue) {
      while (queue.size() >= maxQueued) {
        Batch oldest = queue.pollFirst();
        dropped.incrementAndGet();
        droppedPoints.addAndGet(oldest.size());
        log.warn("uplink queue full ({} batches): dropped batch {} with {} points", maxQueued,
            oldest.sequence(), oldest.size());
      }
      queue.addLast(batch);
      queue.notifyAll();
    }
  }

  public UplinkStats stats() {
    synchronized (queue) {
      return new UplinkStats(connected, queue.size(), inFlight, published.get(), acked.get(),
          ackedPoints.get(), dropped.get(), droppedPoints.get(), refused.get(), connects.get());
    }
  }

  private void connect() {
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
      Batch batch;
      synchronized (queue) {
        while (running && (!connected || queue.isEmpty() || inFlight >= window)) {
          waitQuietly();
        }
        if (!running) {
          return;
        }
        batch = queue.pollFirst();
        inFlight++;
      }
      publish(batch);
    }
  }

  private void publish(Batch batch) {
    try {
      client.publish(Topics.batches(agentId), BatchCodec.encode(batch), 1, false, batch, new Delivery(batch));
      published.incrementAndGet();
    } catch (MqttException | RuntimeException e) {
      requeue(batch);
      log.debug("publish of batch {} failed, requeued: {}", batch.sequence(), e.getMessage());
    }
  }

  private void requeue(Batch batch) {
    synchronized (queue) {
      inFlight--;
      queue.addFirst(batch);
      queue.notifyAll();
    }
  }

  private void waitQuietly() {
    try {
      queue.wait(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void signal(boolean isConnected) {
    synchronized (queue) {
      connected = isConnected;
      queue.notifyAll();
    }
  }

  /**
   * Waits until every queued batch has been acknowledged, at most {@code timeout}; returns whether
   * the queue drained. Used on shutdown, so that what was read is not left behind.
   */
  public boolean drain(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (queue) {
      while (!queue.isEmpty() || inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !connected) {
          return false;
        }
        try {
          queue.wait(Math.max(1, Math.min(100, left / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public void close() {
    running = false;
    signal(false);
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
  }

  /** Completes one batch: acknowledged, refused by the cloud (reason code ≥ 0x80), or to resend. */
  private final class Delivery implements MqttActionListener {
    private final Batch batch;

    Delivery(Batch batch) {
      this.batch = batch;
    }

    @Override
    public void onSuccess(IMqttToken token) {
      int[] codes = token.getReasonCodes();
      if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
        refused.incrementAndGet();
        log.error("cloud refused batch {} with reason code 0x{}: not resent", batch.sequence(), Integer.toHexString(codes[0]));
      } else {
        acked.incrementAndGet();
        ackedPoints.addAndGet(batch.size());
      }
      synchronized (queue) {
        inFlight--;
        queue.notifyAll();
      }
    }

    @Override
    public void onFailure(IMqttToken token, Throwable e) {
      requeue(batch);
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      connects.incrementAndGet();
      log.info("{} to the cloud at {}", reconnect ? "reconnected" : "connected", serverUri);
      try {
        client.publish(Topics.devices(agentId), DeviceCatalogCodec.encode(catalog.get()), 1, false);
      } catch (MqttException e) {
        log.warn("could not send the device catalogue: {}", e.getMessage());
      }
      signal(true);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      signal(false);
      log.warn("lost the cloud connection: {}", response.getReasonString() != null
          ? response.getReasonString() : String.valueOf(response.getException()));
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
      log.warn("MQTT error: {}", e.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      // Downlink commands arrive here once remote control exists; nothing is subscribed yet.
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      // Completion is handled per batch by Delivery.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      // Enhanced authentication is not used.
    }
  }
}

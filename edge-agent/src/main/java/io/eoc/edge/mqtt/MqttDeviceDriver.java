package io.eoc.edge.mqtt;

import io.eoc.edge.DeviceDriver;
import io.eoc.wire.Point;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads equipment that publishes by itself: subscribes its topic filters on the broker, maps each
 * JSON message to one point per tag ({@link PayloadMapper}) and keeps the points until the next
 * {@link #read()}, each stamped with its message's time.
 *
 * <p>Connection: the first {@link #read()} connects (waiting up to the connect timeout); once
 * connected, Paho's automatic reconnect takes over after a loss, and the filters are subscribed
 * again on every connect (clean start, so the broker keeps no session). While the broker is away
 * {@link #read()} throws {@link IOException} once the buffer is empty, and the poller reports the
 * device offline.
 */
public final class MqttDeviceDriver implements DeviceDriver {
  private static final Logger log = LoggerFactory.getLogger(MqttDeviceDriver.class);

  private final String deviceId;
  private final MqttDevice config;
  private final Clock clock;
  private final PayloadMapper mapper;
  private final ArrayDeque<Point> buffer = new ArrayDeque<>();
  private final AtomicLongArray problems = new AtomicLongArray(PayloadProblem.values().length);
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private MqttAsyncClient client;
  private IMqttToken pendingConnect;
  /** True until the first connect and after {@link #disconnect()}: then we connect, not Paho. */
  private boolean connectByRead = true;
  private volatile boolean subscribed;
  private volatile String subscribeError;
  private boolean closed;

  MqttDeviceDriver(String deviceId, MqttDevice config, Clock clock) {
    this.deviceId = deviceId;
    this.config = config;
    this.clock = clock;
    this.mapper = new PayloadMapper(deviceId, config.mappings(), config.timestamp());
  }

  @Override
  public String deviceId() {
    return deviceId;
  }

  @Override
  public List<Point> read() throws IOException {
    IMqttToken pending = connectIfNeeded();
    List<Point> points = drain();
    if (!points.isEmpty()) {
      return points; // what arrived before a loss is still delivered
    }
    if (pending != null) {
      await(pending);
    }
    if (!isConnected()) {
      throw new IOException("not connected to MQTT broker " + config.broker());
    }
    if (subscribeError != null) {
      throw new IOException(subscribeError);
    }
    return drain();
  }

  private synchronized IMqttToken connectIfNeeded() throws IOException {
    if (closed) {
      throw new IOException("driver of " + deviceId + " is closed");
    }
    try {
      if (client == null) {
        String id = config.clientId().orElse("eoc-" + deviceId + "-"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
        client = new MqttAsyncClient(config.broker(), id, new MemoryPersistence());
        client.setCallback(new Callback());
      }
      if (connectByRead && !client.isConnected() && (pendingConnect == null || pendingConnect.isComplete())) {
        pendingConnect = client.connect(options());
      }
      return pendingConnect != null && !pendingConnect.isComplete() ? pendingConnect : null;
    } catch (MqttException e) {
      if (e.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS) {
        return null;
      }
      throw connectFailure(e);
    }
  }

  private void await(IMqttToken token) throws IOException {
    try {
      token.waitForCompletion(config.connectTimeout().toMillis());
    } catch (MqttException e) {
      throw connectFailure(e);
    }
  }

  /**
   * The reason a connection failed, for the device status. A refused login (CONNACK reason 0x86
   * Bad User Name or Password, 0x87 Not authorized: MQTT 5 §3.2.2.2) names the user and what to
   * check, never the password.
   */
  private IOException connectFailure(MqttException e) {
    int reason = e.getReasonCode();
    String prefix = "cannot connect to MQTT broker " + config.broker() + ": " + e.getMessage();
    if (reason == 0x86 || reason == 0x87) {
      return new IOException(prefix + " (CONNACK reason 0x" + Integer.toHexString(reason) + "): the broker refused "
          + config.username().map(u -> "user '" + u + "'").orElse("an anonymous client")
          + "; check the device's username and password", e);
    }
    return new IOException(prefix, e);
  }

  private boolean isConnected() {
    MqttAsyncClient c;
    synchronized (this) {
      c = client;
    }
    return c != null && c.isConnected();
  }

  private MqttConnectionOptions options() throws IOException {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, 30);
    o.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
    o.setKeepAliveInterval(30);
    config.username().ifPresent(o::setUserName);
    config.password().ifPresent(p -> o.setPassword(p.getBytes(StandardCharsets.UTF_8)));
    if (config.trustStore().isPresent()) {
      o.setSocketFactory(trustingSslContext().getSocketFactory());
    }
    return o;
  }

  private SSLContext trustingSslContext() throws IOException {
    char[] password = config.trustStorePassword().map(String::toCharArray).orElse(null);
    try (InputStream in = Files.newInputStream(config.trustStore().orElseThrow())) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, password);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use trust store " + config.trustStore().get() + ": " + e.getMessage(), e);
    }
  }

  private void subscribe(MqttAsyncClient c) {
    MqttSubscription[] subs = config.topics().stream()
        .map(t -> new MqttSubscription(t.filter(), t.qos())).toArray(MqttSubscription[]::new);
    try {
      IMqttToken token = c.subscribe(subs);
      token.waitForCompletion(config.connectTimeout().toMillis());
      int[] codes = token.getReasonCodes();
      List<String> refused = new ArrayList<>();
      for (int i = 0; codes != null && i < codes.length && i < subs.length; i++) {
        if (codes[i] >= 0x80) { // MQTT 5 §3.9.3: a reason code of 0x80 or more is a failure
          refused.add(subs[i].getTopic() + " (reason 0x" + Integer.toHexString(codes[i]) + ")");
        }
      }
      subscribeError = refused.isEmpty() ? null : "broker refused subscriptions " + refused;
      subscribed = refused.isEmpty();
      if (!refused.isEmpty()) {
        log.error("device {}: {}", deviceId, subscribeError);
      }
    } catch (MqttException e) {
      subscribeError = "cannot subscribe on " + config.broker() + ": " + e.getMessage();
      log.warn("device {}: {}", deviceId, subscribeError);
    }
  }

  private void onMessage(MqttMessage message) {
    PayloadMapper.Mapped mapped = mapper.map(message.getPayload(), clock.instant());
    messages.incrementAndGet();
    mapped.problems().forEach(p -> problems.incrementAndGet(p.ordinal()));
    int dropped = 0;
    synchronized (buffer) {
      for (Point p : mapped.points()) {
        if (buffer.size() >= config.bufferPoints()) {
          buffer.pollFirst();
          dropped++;
        }
        buffer.addLast(p);
      }
    }
    if (dropped > 0) {
      problems.addAndGet(PayloadProblem.BUFFER_FULL.ordinal(), dropped);
      log.warn("device {}: buffer of {} points full, dropped the {} oldest", deviceId, config.bufferPoints(), dropped);
    }
  }

  private List<Point> drain() {
    synchronized (buffer) {
      List<Point> out = new ArrayList<>(buffer);
      buffer.clear();
      return out;
    }
  }

  /** Bad or dropped points (for {@link PayloadProblem#BAD_TIMESTAMP}: messages) so far, by reason. */
  public Map<PayloadProblem, Long> problems() {
    Map<PayloadProblem, Long> out = new EnumMap<>(PayloadProblem.class);
    for (PayloadProblem p : PayloadProblem.values()) {
      out.put(p, problems.get(p.ordinal()));
    }
    return out;
  }

  public long problems(PayloadProblem reason) {
    return problems.get(reason.ordinal());
  }

  /** Messages received so far. */
  public long messages() {
    return messages.get();
  }

  /** Successful connects so far, reconnects included. */
  public long connects() {
    return connects.get();
  }

  /** Whether connected and every filter subscribed. */
  public boolean ready() {
    return isConnected() && subscribed;
  }

  @Override
  public synchronized void disconnect() {
    // Only a live connection is dropped: while Paho reconnects by itself, stopping it would
    // leave the device offline until the next read.
    if (client != null && client.isConnected()) {
      try {
        client.disconnect().waitForCompletion(config.connectTimeout().toMillis());
      } catch (MqttException e) {
        log.debug("device {}: disconnect: {}", deviceId, e.getMessage());
      }
      connectByRead = true;
      subscribed = false;
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(config.connectTimeout().toMillis());
      }
    } catch (MqttException e) {
      log.debug("device {}: disconnect: {}", deviceId, e.getMessage());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      log.debug("device {}: close: {}", deviceId, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "MqttDeviceDriver[" + deviceId + ", " + config + "]";
  }

  private final class Callback implements MqttCallback {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      connects.incrementAndGet();
      MqttAsyncClient c;
      synchronized (MqttDeviceDriver.this) {
        connectByRead = false;
        c = client;
      }
      log.info("device {}: {} MQTT broker {}", deviceId, reconnect ? "reconnected to" : "connected to", serverUri);
      // Clean start: the broker forgot our subscriptions, so subscribe on every connect. Paho
      // calls this on its own thread, not the callback thread that delivers messages.
      Thread t = new Thread(() -> subscribe(c), "mqtt-subscribe-" + deviceId);
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      subscribed = false;
      log.warn("device {}: lost MQTT broker {}: {}", deviceId, config.broker(), response.getException() == null
          ? response.getReasonString() : response.getException().getMessage());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      log.warn("device {}: MQTT error: {}", deviceId, exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      onMessage(message);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
  }
}

package io.eoc.sim.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eoc.sim.model.DeviceIdentity;
import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.model.TagSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
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
 * Simulated equipment that publishes by itself, as a gateway or a smart meter does: one thread
 * steps every model by its tick and publishes each device's values as one JSON message to
 * {@code plant/<plant>/<device>/telemetry}; a message to {@code plant/<plant>/<device>/set/<tag>}
 * (a number, or {@code {"value": n}}) writes the tag, which changes the physics.
 *
 * <p>Payload: {@code {"ts":"2026-11-22T10:00:00.123Z","device":"wind-1","simulated":true,
 * "vendor":"eoc simulator","kind":"wind-turbine","values":{"wind_speed":7.3,...}}}, {@code ts}
 * being the model's simulated time to the millisecond. The client reconnects by itself.
 */
public final class MqttEquipmentPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttEquipmentPublisher.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One device: its id in the plant and its model, which the publisher's thread owns from now. */
  public record Device(String deviceId, EquipmentModel model) {
    public Device {
      if (!TagSpec.isValidName(deviceId)) {
        throw new IllegalArgumentException("device id must be " + TagSpec.NAME_RULE + ", was " + deviceId);
      }
      Objects.requireNonNull(model, "model");
    }
  }

  /** What one message carried: the device, its simulated time and every tag's value. */
  public record Publication(String deviceId, Instant timestamp, Map<String, Double> values) {
    public Publication {
      values = Map.copyOf(values);
    }
  }

  /**
   * @param brokerUrl {@code tcp://host:port} or {@code ssl://host:port}
   * @param plant the second topic level
   * @param qos 0 or 1
   * @param tick how much simulated (and wall) time passes between two publications
   * @param username optional; the password is never logged
   * @param onPublish called on the publisher's thread after each message is handed to the client
   */
  public record Options(String brokerUrl, String plant, int qos, Duration tick, Optional<String> username,
      Optional<String> password, Consumer<Publication> onPublish) {
    public Options {
      Objects.requireNonNull(brokerUrl, "brokerUrl");
      if (!TagSpec.isValidName(plant)) {
        throw new IllegalArgumentException("plant must be " + TagSpec.NAME_RULE + ", was " + plant);
      }
      if (qos < 0 || qos > 1) {
        throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
      }
      if (tick == null || tick.toMillis() < 1) {
        throw new IllegalArgumentException("tick must be at least 1 ms, was " + tick);
      }
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(onPublish, "onPublish");
    }

    public static Options of(String brokerUrl, String plant) {
      return new Options(brokerUrl, plant, 1, Duration.ofSeconds(1), Optional.empty(), Optional.empty(), p -> { });
    }

    public Options withQos(int value) {
      return new Options(brokerUrl, plant, value, tick, username, password, onPublish);
    }

    public Options withTick(Duration value) {
      return new Options(brokerUrl, plant, qos, value, username, password, onPublish);
    }

    public Options withCredentials(String user, String secret) {
      return new Options(brokerUrl, plant, qos, tick, Optional.of(user), Optional.of(secret), onPublish);
    }

    public Options withOnPublish(Consumer<Publication> value) {
      return new Options(brokerUrl, plant, qos, tick, username, password, value);
    }

    @Override
    public String toString() {
      return "Options[" + brokerUrl + ", plant=" + plant + ", qos=" + qos + ", tick=" + tick
          + username.map(u -> ", user=" + u).orElse("") + "]";
    }
  }

  private final Options options;
  private final Map<String, EquipmentModel> models = new LinkedHashMap<>();
  private final ScheduledExecutorService ticker;
  private final MqttAsyncClient client;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong notPublished = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong writesRefused = new AtomicLong();

  private MqttEquipmentPublisher(Options options, List<Device> devices) throws MqttException {
    this.options = options;
    devices.forEach(d -> models.put(d.deviceId(), d.model()));
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mqtt-sim-" + options.plant());
      t.setDaemon(true);
      return t;
    });
    this.client = new MqttAsyncClient(options.brokerUrl(), "eoc-sim-" + options.plant() + "-" + System.nanoTime(),
        new MemoryPersistence());
  }

  /**
   * Connects, subscribes the set topics and starts publishing every tick.
   *
   * @throws IOException if the broker cannot be reached
   * @throws IllegalArgumentException if there are no devices or two share an id
   */
  public static MqttEquipmentPublisher start(Options options, List<Device> devices) throws IOException {
    Objects.requireNonNull(options, "options");
    Set<String> ids = new HashSet<>();
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("a publisher needs at least one device");
    }
    devices.stream().filter(d -> !ids.add(d.deviceId())).findFirst().ifPresent(d -> {
      throw new IllegalArgumentException("device id " + d.deviceId() + " is used twice");
    });
    try {
      MqttEquipmentPublisher publisher = new MqttEquipmentPublisher(options, devices);
      publisher.connect();
      long tick = options.tick().toNanos();
      publisher.ticker.scheduleAtFixedRate(publisher::tick, tick, tick, TimeUnit.NANOSECONDS);
      return publisher;
    } catch (MqttException e) {
      throw new IOException("cannot connect to " + options.brokerUrl() + ": " + e.getMessage(), e);
    }
  }

  public static String telemetryTopic(String plant, String deviceId) {
    return "plant/" + plant + "/" + deviceId + "/telemetry";
  }

  public static String setTopic(String plant, String deviceId, String tag) {
    return "plant/" + plant + "/" + deviceId + "/set/" + tag;
  }

  private void connect() throws MqttException {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, 2);
    o.setCleanStart(true);
    o.setConnectionTimeout(10);
    options.username().ifPresent(o::setUserName);
    options.password().ifPresent(p -> o.setPassword(p.getBytes(StandardCharsets.UTF_8)));
    client.setCallback(new Callback());
    client.connect(o).waitForCompletion(15_000);
  }

  private void subscribeSetTopics() {
    try {
      client.subscribe("plant/" + options.plant() + "/+/set/+", 1);
    } catch (MqttException e) {
      log.warn("cannot subscribe the set topics of plant {}: {}", options.plant(), e.getMessage());
    }
  }

  private void tick() {
    for (Map.Entry<String, EquipmentModel> e : models.entrySet()) {
      try {
        e.getValue().step(options.tick());
        publish(e.getKey(), e.getValue());
      } catch (RuntimeException ex) {
        // A failed tick must not end the schedule (scheduleAtFixedRate stops after a throw).
        log.error("tick failed for {}", e.getKey(), ex);
      }
    }
  }

  private void publish(String deviceId, EquipmentModel model) {
    Instant ts = model.now().truncatedTo(ChronoUnit.MILLIS);
    Map<String, Double> values = new java.util.LinkedHashMap<>();
    model.values().forEach((tag, value) -> values.put(tag, model.tag(tag).map(t -> t.quantize(value)).orElse(value)));
    ObjectNode json = JSON.createObjectNode();
    json.put("ts", ts.toString());
    json.put("device", deviceId);
    json.put("simulated", true);
    json.put("vendor", DeviceIdentity.VENDOR);
    json.put("kind", model.kind());
    ObjectNode v = json.putObject("values");
    values.forEach(v::put);
    try {
      MqttMessage message = new MqttMessage(JSON.writeValueAsBytes(json));
      message.setQos(options.qos());
      client.publish(telemetryTopic(options.plant(), deviceId), message);
      published.incrementAndGet();
      options.onPublish().accept(new Publication(deviceId, ts, values));
    } catch (MqttException | IOException ex) {
      // While the broker is away the equipment goes on; the message is lost, as with real equipment.
      notPublished.incrementAndGet();
      log.debug("not published for {}: {}", deviceId, ex.getMessage());
    }
  }

  private void onSet(String topic, MqttMessage message) {
    String[] levels = topic.split("/");
    if (levels.length != 5) {
      return;
    }
    String deviceId = levels[2];
    String tag = levels[4];
    String text = new String(message.getPayload(), StandardCharsets.UTF_8).trim();
    try {
      ticker.execute(() -> write(deviceId, tag, text));
    } catch (RejectedExecutionException e) {
      log.debug("closed; write to {}/{} ignored", deviceId, tag);
    }
  }

  private void write(String deviceId, String tag, String text) {
    EquipmentModel model = models.get(deviceId);
    try {
      if (model == null) {
        throw new IllegalArgumentException("no device " + deviceId + "; devices: " + models.keySet());
      }
      model.write(tag, parse(text));
      writes.incrementAndGet();
      log.info("wrote {}/{} = {}", deviceId, tag, text);
    } catch (IllegalArgumentException | IOException e) {
      writesRefused.incrementAndGet();
      log.warn("write to {}/{} refused: {}", deviceId, tag, e.getMessage());
    }
  }

  private static double parse(String text) throws IOException {
    var node = JSON.readTree(text);
    if (node != null && node.isObject()) {
      node = node.get("value");
    }
    if (node == null || !node.isNumber()) {
      throw new IllegalArgumentException("expected a number or {\"value\": number}, found '" + text + "'");
    }
    return node.doubleValue();
  }

  /** Messages handed to the client so far. */
  public long published() {
    return published.get();
  }

  /** Messages lost while the broker was not reachable. */
  public long notPublished() {
    return notPublished.get();
  }

  /** Writes applied to a model. */
  public long writes() {
    return writes.get();
  }

  /** Writes refused (unknown device or tag, read-only tag, out of range, not a number). */
  public long writesRefused() {
    return writesRefused.get();
  }

  public List<String> deviceIds() {
    return new ArrayList<>(models.keySet());
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
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

  private final class Callback implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse response) {
      log.info("publisher of plant {} lost the broker: {}", options.plant(), response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      log.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      onSet(topic, message);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      // Clean start: the broker forgot the subscription, so subscribe on every (re)connect.
      subscribeSetTopics();
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
  }
}

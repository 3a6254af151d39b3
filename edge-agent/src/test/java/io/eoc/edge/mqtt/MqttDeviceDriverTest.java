package io.eoc.edge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import io.eoc.edge.filter.FilterConfig;
import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.model.Models;
import io.eoc.sim.mqtt.EmbeddedBroker;
import io.eoc.sim.mqtt.MqttEquipmentPublisher;
import io.eoc.sim.mqtt.MqttEquipmentPublisher.Publication;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated equipment publishes through a broker written by others (HiveMQ CE, embedded) to the
 * driver, over real sockets. One broker for the class: it takes seconds to start.
 */
class MqttDeviceDriverTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final List<String> TAGS = List.of("wind_speed", "active_power", "running", "rotor_speed");
  @TempDir static Path dir;
  static EmbeddedBroker broker;

  @BeforeAll
  static void startBroker() throws IOException {
    broker = EmbeddedBroker.start(dir);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static MqttDevice device(String filter) {
    List<MqttTag> tags = TAGS.stream().map(t -> new MqttTag(t, JsonPointer.compile("/values/" + t), "", 1, 0,
        FilterConfig.ANALOG)).toList();
    return MqttDevice.of(broker.url(), filter, tags)
        .withTimestamp(new TimestampSpec(Optional.of(JsonPointer.compile("/ts")), TimestampSpec.Format.ISO));
  }

  private static MqttDeviceDriver driver(MqttDevice device) {
    return new MqttDeviceDriver("wind-1", device, Clock.systemUTC());
  }

  private static MqttEquipmentPublisher publisher(String plant, Map<Instant, Publication> published) throws IOException {
    EquipmentModel model = Models.create("wind-turbine", 11, Instant.parse("2026-11-22T10:00:00Z"));
    return MqttEquipmentPublisher.start(MqttEquipmentPublisher.Options.of(broker.url(), plant)
            .withTick(Duration.ofMillis(100)).withOnPublish(p -> published.put(p.timestamp(), p)),
        List.of(new MqttEquipmentPublisher.Device("wind-1", model)));
  }

  /** Reads until {@code done} holds for what was read so far, within {@link #BOUND}. */
  private static List<Point> readUntil(MqttDeviceDriver driver, Predicate<List<Point>> done) throws InterruptedException {
    List<Point> all = new ArrayList<>();
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!done.test(all)) {
      assertThat(System.nanoTime()).as("condition not met within %s; read %s", BOUND, all.size()).isLessThan(deadline);
      try {
        all.addAll(driver.read());
      } catch (IOException e) {
        driver.disconnect(); // as the poller does
      }
      Thread.onSpinWait();
      Thread.yield();
      synchronized (all) {
        all.wait(20);
      }
    }
    return all;
  }

  @Test
  void valuesEqualTheModelsTagByTagWithThePublishedTimestampsThroughAWildcard() throws Exception {
    Map<Instant, Publication> published = new ConcurrentHashMap<>();
    try (MqttEquipmentPublisher pub = publisher("p1", published);
         MqttDeviceDriver driver = driver(device("plant/+/wind-1/telemetry"))) {
      List<Point> points = readUntil(driver, all -> all.size() >= 3 * TAGS.size());
      assertThat(points).allSatisfy(p -> {
        assertThat(p.quality()).isEqualTo(Quality.GOOD);
        Publication source = published.get(p.timestamp());
        assertThat(source).as("publication at %s", p.timestamp()).isNotNull();
        assertThat(p.value()).as(p.tag()).isEqualTo(source.values().get(p.tag()));
      });
      assertThat(driver.problems().values()).allMatch(n -> n == 0);
    }
  }

  @Test
  void malformedJsonAndMissingFieldsGiveBadPointsAndAreCounted() throws Exception {
    try (MqttDeviceDriver driver = driver(device("raw/#"))) {
      readUntil(driver, all -> driver.ready());
      MqttClient raw = new MqttClient(broker.url(), "raw-publisher", null);
      raw.connect();
      raw.publish("raw/a", new MqttMessage("not json {".getBytes(StandardCharsets.UTF_8)));
      raw.publish("raw/b", new MqttMessage(
          "{\"ts\":\"2026-11-22T10:00:00Z\",\"values\":{\"wind_speed\":\"7.5\",\"running\":true}}".getBytes(StandardCharsets.UTF_8)));
      raw.disconnect();
      raw.close();
      List<Point> points = readUntil(driver, all -> all.size() >= 2 * TAGS.size());
      assertThat(points.subList(0, TAGS.size())).allMatch(p -> p.quality() == Quality.BAD_DEVICE_FAILURE);
      Instant ts = Instant.parse("2026-11-22T10:00:00Z");
      assertThat(points.subList(TAGS.size(), 2 * TAGS.size())).containsExactly(
          Point.good("wind-1", "wind_speed", ts, 7.5), Point.bad("wind-1", "active_power", ts, Quality.BAD_CONFIG),
          Point.good("wind-1", "running", ts, 1.0), Point.bad("wind-1", "rotor_speed", ts, Quality.BAD_CONFIG));
      assertThat(driver.problems(PayloadProblem.NOT_JSON)).isEqualTo(TAGS.size());
      assertThat(driver.problems(PayloadProblem.MISSING_FIELD)).isEqualTo(2);
    }
  }

  @Test
  void aWriteToTheSetTopicChangesThePhysics() throws Exception {
    Map<Instant, Publication> published = new ConcurrentHashMap<>();
    try (MqttEquipmentPublisher pub = publisher("p2", published);
         MqttDeviceDriver driver = driver(device("plant/p2/wind-1/telemetry"))) {
      readUntil(driver, all -> all.stream().anyMatch(p -> p.tag().equals("running") && p.value() == 1.0));
      MqttClient operator = new MqttClient(broker.url(), "operator", null);
      operator.connect();
      operator.publish(MqttEquipmentPublisher.setTopic("p2", "wind-1", "running"), new MqttMessage("0".getBytes(StandardCharsets.UTF_8)));
      operator.disconnect();
      operator.close();
      readUntil(driver, all -> all.stream().anyMatch(p -> p.tag().equals("running") && p.value() == 0.0));
      assertThat(pub.writes()).isEqualTo(1);
    }
  }

  @Test
  void afterABrokerRestartTheDriverIsOfflineThenReconnectsAndDataFlowsAgain() throws Exception {
    Map<Instant, Publication> published = new ConcurrentHashMap<>();
    try (MqttEquipmentPublisher pub = publisher("p3", published);
         MqttDeviceDriver driver = driver(device("plant/p3/+/telemetry"))) {
      readUntil(driver, all -> !all.isEmpty());
      broker.stop();
      // the first read may still return what arrived before the loss
      assertThatThrownBy(() -> driver.read().addAll(driver.read())).isInstanceOf(IOException.class).hasMessageContaining("not connected");
      broker.startAgain();
      readUntil(driver, all -> driver.connects() >= 2 && !all.isEmpty() && driver.ready());
      List<Point> after = readUntil(driver, all -> all.size() >= TAGS.size());
      assertThat(after).allMatch(p -> p.quality() == Quality.GOOD);
    }
  }
}

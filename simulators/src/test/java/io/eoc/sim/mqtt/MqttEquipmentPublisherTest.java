package io.eoc.sim.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.model.Models;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttEquipmentPublisherTest {
  @TempDir java.nio.file.Path dir;

  /** Paho 1.2.5's MqttClient.subscribe(filter, qos, listener) recurses forever: use a callback. */
  private record Collector(BlockingQueue<String> into) implements org.eclipse.paho.mqttv5.client.MqttCallback {
    @Override public void messageArrived(String topic, MqttMessage m) {
      into.offer(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
    }
    @Override public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) { }
    @Override public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) { }
    @Override public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) { }
    @Override public void connectComplete(boolean reconnect, String uri) { }
    @Override public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) { }
  }

  @Test
  void publishesJsonTelemetryAndAppliesWritesFromTheSetTopic() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(dir)) {
      BlockingQueue<String> received = new ArrayBlockingQueue<>(1000);
      MqttClient listener = new MqttClient(broker.url(), "listener");
      listener.setCallback(new Collector(received));
      listener.connect();
      listener.subscribe("plant/p1/+/telemetry", 1);
      EquipmentModel model = Models.create("wind-turbine", 7, Instant.parse("2026-11-22T10:00:00Z"));
      BlockingQueue<MqttEquipmentPublisher.Publication> publications = new ArrayBlockingQueue<>(1000);
      MqttEquipmentPublisher.Options options = MqttEquipmentPublisher.Options.of(broker.url(), "p1")
          .withTick(Duration.ofMillis(50)).withOnPublish(publications::offer);
      try (MqttEquipmentPublisher publisher = MqttEquipmentPublisher.start(options,
          List.of(new MqttEquipmentPublisher.Device("wind-1", model)))) {
        String first = received.poll(10, TimeUnit.SECONDS);
        assertThat(first).startsWith("plant/p1/wind-1/telemetry {\"ts\":\"2026-11-22T10:00:")
            .contains("\"simulated\":true", "\"vendor\":\"eoc simulator\"", "\"values\":{");
        listener.publish(MqttEquipmentPublisher.setTopic("p1", "wind-1", "no_such_tag"), new MqttMessage("1".getBytes()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publisher.writesRefused() == 0 && System.nanoTime() < deadline) {
          publications.poll(100, TimeUnit.MILLISECONDS);
        }
        assertThat(publisher.writesRefused()).isEqualTo(1);
      }
      listener.disconnect();
      listener.close();
    }
  }
}

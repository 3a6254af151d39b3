package io.eoc.sim.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eoc.config.ConfigNode;
import io.eoc.config.ConfigReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo plant over Modbus TCP, OPC UA and MQTT, and the agent configuration for each. */
class ThreeProtocolsTest {

  private static Plant plant;

  @BeforeAll
  static void start() throws Exception {
    plant = Plant.start(PlantScenario.demo(), Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    plant.close();
  }

  @Test
  void theDemoPlantServesAllThreeProtocols() throws Exception {
    assertThat(plant.devicesPerProtocol()).containsExactly(entry(Protocol.MODBUS_TCP, 8L),
        entry(Protocol.OPC_UA, 2L), entry(Protocol.MQTT, 2L));
    assertThat(plant.protocolSummary()).isEqualTo("8 Modbus TCP, 2 OPC UA, 2 MQTT");
    PlantDevice wind = plant.device("wind-1");
    assertThat(wind.endpointUrl()).isEqualTo("opc.tcp://127.0.0.1:" + wind.port() + "/eoc");
    assertThat(wind.nodeId("wind_speed")).matches("ns=\\d+;s=wind-1\\.wind_speed");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(wind.host(), wind.port()), 2_000);
    }
    assertThat(plant.device("wind-2").values()).containsEntry("power_limit", 1500.0);
    assertThat(plant.device("wind-2").write("power_limit", 1200).get(5, TimeUnit.SECONDS))
        .containsEntry("power_limit", 1200.0);
    assertThat(plant.broker()).isPresent();
  }

  @Test
  void mqttDevicesPublishTheirTelemetryToTheBroker() throws Exception {
    PlantDevice pv = plant.device("pv-1");
    assertThat(pv.brokerUrl()).isEqualTo("tcp://127.0.0.1:" + pv.port());
    assertThat(pv.topic()).isEqualTo("plant/demo-plant/pv-1/telemetry");
    BlockingQueue<String> received = new ArrayBlockingQueue<>(100);
    MqttClient listener = new MqttClient(pv.brokerUrl(), "three-protocols-test",
        new MemoryPersistence());
    listener.setCallback(new Collector(received));
    listener.connect();
    try {
      listener.subscribe(pv.topic(), 1);
      String message = received.poll(10, TimeUnit.SECONDS);
      assertThat(message).as("a publication within 10 s").isNotNull();
      JsonNode json = new ObjectMapper().readTree(message);
      assertThat(Instant.parse(json.get("ts").asText())).isNotNull();
      List<String> tags = new ArrayList<>();
      json.get("values").fieldNames().forEachRemaining(tags::add);
      assertThat(tags).containsExactlyInAnyOrderElementsOf(pv.tagNames());
    } finally {
      listener.disconnect();
      listener.close();
    }
  }

  @Test
  void theAgentConfigurationHasEachProtocolsFields() throws Exception {
    String yaml = plant.agentYaml("plant-agent", "tcp://127.0.0.1:1883");
    ConfigReader reader = ConfigReader.parse("agent.yaml", yaml);
    Map<String, ConfigNode> byId = new java.util.HashMap<>();
    for (ConfigNode d : reader.root().requireMapping().list("devices")) {
      byId.put(d.string("id"), d);
    }
    assertThat(byId).hasSize(12);
    assertThat(byId.get("boiler-1").string("protocol")).isEqualTo("modbus-tcp");
    assertThat(byId.get("boiler-1").list("registers")).isNotEmpty();

    // The fields of edge-agent's AgentConfigLoader (common) and OpcUaBinder.
    PlantDevice wind = plant.device("wind-1");
    ConfigNode opc = byId.get("wind-1");
    opc.allowOnly("id", "name", "category", "kind", "simulated", "protocol", "poll", "endpoint",
        "security-policy", "security-mode", "pki-dir", "mode", "sampling", "nodes");
    assertThat(opc.string("protocol")).isEqualTo("opc-ua");
    assertThat(opc.string("endpoint")).isEqualTo(wind.endpointUrl());
    assertThat(opc.string("security-policy")).isEqualTo("none");
    assertThat(opc.string("security-mode")).isEqualTo("none");
    assertThat(opc.string("pki-dir")).isEqualTo("pki/opc-ua");
    assertThat(opc.string("mode")).isEqualTo("subscription");
    assertThat(opc.duration("sampling", null, Duration.ofMillis(50))).isEqualTo(wind.poll());
    List<ConfigNode> nodes = opc.list("nodes");
    assertThat(nodes).extracting(n -> n.string("tag")).containsExactlyElementsOf(wind.tagNames());
    for (ConfigNode n : nodes) {
      n.allowOnly("tag", "node", "unit");
      assertThat(n.string("node")).isEqualTo(wind.nodeId(n.string("tag")));
    }
    assertThat(yaml).contains("{tag: wind_speed, node: \"" + wind.nodeId("wind_speed")
        + "\", unit: \"m/s\"}");

    // The fields of edge-agent's MqttBinder, matching the publisher's payload.
    PlantDevice pv = plant.device("pv-1");
    ConfigNode mqtt = byId.get("pv-1");
    mqtt.allowOnly("id", "name", "category", "kind", "simulated", "protocol", "poll", "broker",
        "topics", "timestamp", "tags");
    assertThat(mqtt.string("protocol")).isEqualTo("mqtt");
    assertThat(mqtt.string("broker")).isEqualTo("tcp://127.0.0.1:" + pv.port());
    assertThat(mqtt.list("topics")).singleElement().satisfies(t -> {
      assertThat(t.string("filter")).isEqualTo("plant/demo-plant/pv-1/telemetry");
      assertThat(t.integer("qos", 0, 1)).isEqualTo(1);
    });
    assertThat(mqtt.get("timestamp").string("pointer")).isEqualTo("/ts");
    assertThat(mqtt.get("timestamp").string("format")).isEqualTo("iso");
    List<ConfigNode> tags = mqtt.list("tags");
    assertThat(tags).extracting(t -> t.string("tag")).containsExactlyElementsOf(pv.tagNames());
    for (ConfigNode t : tags) {
      t.allowOnly("tag", "pointer", "unit");
      assertThat(t.string("pointer")).isEqualTo("/values/" + t.string("tag"));
    }
    assertThat(yaml).contains("{tag: ac_power, pointer: /values/ac_power, unit: \"kW\"}");
    reader.finish();
  }

  @Test
  void closingThePlantDeletesItsPkiAndReleasesThePorts() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = pkiDirs(tmp);
    Plant other = Plant.start(PlantScenario.demo(), Clock.systemUTC());
    int opcUaPort = other.device("wind-1").port();
    assertThat(pkiDirs(tmp)).hasSize(before.size() + 1);
    other.close();
    assertThat(pkiDirs(tmp)).containsExactlyInAnyOrderElementsOf(before);
    try (java.net.ServerSocket again = new java.net.ServerSocket()) {
      again.bind(new InetSocketAddress("127.0.0.1", opcUaPort));
    }
  }

  private static List<Path> pkiDirs(Path tmp) throws Exception {
    try (var files = Files.list(tmp)) {
      return files.filter(p -> p.getFileName().toString().startsWith("eoc-plant-pki-")).toList();
    }
  }

  /** Paho 1.2.5's MqttClient.subscribe(filter, qos, listener) recurses forever: use a callback. */
  private record Collector(BlockingQueue<String> into) implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage m) {
      into.offer(new String(m.getPayload(), StandardCharsets.UTF_8));
    }

    @Override
    public void disconnected(MqttDisconnectResponse r) {}

    @Override
    public void mqttErrorOccurred(MqttException e) {}

    @Override
    public void deliveryComplete(IMqttToken t) {}

    @Override
    public void connectComplete(boolean reconnect, String uri) {}

    @Override
    public void authPacketArrived(int code, MqttProperties p) {}
  }
}

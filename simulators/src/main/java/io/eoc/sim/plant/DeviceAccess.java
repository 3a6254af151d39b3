package io.eoc.sim.plant;

import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.modbus.ServedDevice;
import io.eoc.sim.mqtt.EmbeddedBroker;
import io.eoc.sim.mqtt.MqttEquipmentPublisher;
import io.eoc.sim.opcua.OpcUaEquipmentServer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The protocol side of one {@link PlantDevice}: where it is served, its values, writes. */
sealed interface DeviceAccess {

  String host();

  int port();

  /** The device's current values, before faults. */
  Map<String, Double> values();

  /** Writes a set point as an operator would; the values after the write. */
  CompletableFuture<Map<String, Double>> write(String tag, double value);

  /** Where, in the protocol's terms, the device is reached. */
  String address();

  /** A Modbus TCP unit behind its server. */
  record Modbus(ServedDevice served) implements DeviceAccess {
    @Override
    public String host() {
      return served.host();
    }

    @Override
    public int port() {
      return served.port();
    }

    @Override
    public Map<String, Double> values() {
      return served.values();
    }

    @Override
    public CompletableFuture<Map<String, Double>> write(String tag, double value) {
      return served.write(tag, value);
    }

    @Override
    public String address() {
      return host() + ":" + port() + " unit " + served.unitId();
    }
  }

  /** One object of an OPC UA server; the model lives on the server's tick thread. */
  record OpcUa(OpcUaEquipmentServer server, String deviceId, EquipmentModel model)
      implements DeviceAccess {
    @Override
    public String host() {
      return server.options().host();
    }

    @Override
    public int port() {
      return server.port();
    }

    @Override
    public Map<String, Double> values() {
      try {
        return server.values(deviceId);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted reading " + deviceId, e);
      } catch (Exception e) {
        throw new IllegalStateException("cannot read " + deviceId + ": " + e.getMessage(), e);
      }
    }

    @Override
    public CompletableFuture<Map<String, Double>> write(String tag, double value) {
      CompletableFuture<Map<String, Double>> result = new CompletableFuture<>();
      try {
        result.complete(server.onTickThread(() -> {
          model.write(tag, value);
          return model.values();
        }));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result.completeExceptionally(e);
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
      return result;
    }

    @Override
    public String address() {
      return server.endpointUrl();
    }

    String nodeId(String tag) {
      return server.nodeId(deviceId, tag);
    }
  }

  /**
   * A device publishing to the plant's broker. Its model is owned by the publisher's thread, so
   * the values are those of the last publication (the initial ones before it).
   */
  record Mqtt(EmbeddedBroker broker, String plantId, String deviceId,
      Map<String, Map<String, Double>> latest) implements DeviceAccess {
    String topic() {
      return MqttEquipmentPublisher.telemetryTopic(plantId, deviceId);
    }

    @Override
    public String host() {
      return broker.host();
    }

    @Override
    public int port() {
      return broker.port();
    }

    @Override
    public Map<String, Double> values() {
      return latest.get(deviceId);
    }

    @Override
    public CompletableFuture<Map<String, Double>> write(String tag, double value) {
      throw new UnsupportedOperationException("device " + deviceId + " is served over mqtt: write"
          + " by publishing to " + MqttEquipmentPublisher.setTopic(plantId, deviceId, tag));
    }

    @Override
    public String address() {
      return broker.url() + " topic " + topic();
    }
  }
}

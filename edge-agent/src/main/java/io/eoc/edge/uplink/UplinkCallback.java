package io.eoc.edge.uplink;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Paho's connection events, handed to the uplink. */
final class UplinkCallback implements MqttCallback {
  private static final Logger log = LoggerFactory.getLogger(MqttUplink.class);
  private final MqttUplink uplink;

  UplinkCallback(MqttUplink uplink) {
    this.uplink = uplink;
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    if (!uplink.isRunning()) {
      return; // closed while connecting: close() takes this connection down
    }
    log.info("connected to the cloud at {}", serverUri);
    uplink.connected();
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    uplink.disconnected();
    uplink.connectLater("lost the cloud connection: " + (response.getReasonString() != null
        ? response.getReasonString() : String.valueOf(response.getException())));
  }

  @Override
  public void mqttErrorOccurred(MqttException e) {
    log.warn("MQTT error: {}", e.getMessage());
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    uplink.downlink(topic, message.getPayload());
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

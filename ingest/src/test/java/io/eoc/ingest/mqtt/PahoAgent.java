package io.eoc.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A real MQTT 5 client (Eclipse Paho) acting as an edge agent, over a real socket. */
final class PahoAgent implements AutoCloseable, MqttCallback {

  static final long TIMEOUT_MILLIS = 5_000;

  /**
   * A downlink message as the agent received it; {@code expirySeconds} is its MQTT 5 Message
   * Expiry Interval, null when absent.
   */
  record Received(String topic, String payload, Long expirySeconds) {
    Received(String topic, String payload) {
      this(topic, payload, null);
    }
  }

  final MqttAsyncClient client;
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final CompletableFuture<MqttDisconnectResponse> disconnected = new CompletableFuture<>();

  PahoAgent(int port, String clientId) throws MqttException {
    this("tcp://127.0.0.1:" + port, clientId);
  }

  PahoAgent(String serverUri, String clientId) throws MqttException {
    client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
    client.setCallback(this);
  }

  /** Over TLS with {@code socketFactory}; no password: the certificate is the credential. */
  void connectTls(SSLSocketFactory socketFactory, String username) throws MqttException {
    MqttConnectionOptions options = options();
    options.setSocketFactory(socketFactory);
    options.setHttpsHostnameVerificationEnabled(true);
    options.setUserName(username);
    client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
  }

  private static MqttConnectionOptions options() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(5);
    return options;
  }

  void connect(String username, String token) throws MqttException {
    MqttConnectionOptions options = options();
    options.setUserName(username);
    options.setPassword(token.getBytes(StandardCharsets.UTF_8));
    client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
  }

  void subscribe(String filter) throws MqttException {
    client.subscribe(filter, 1).waitForCompletion(TIMEOUT_MILLIS);
  }

  IMqttToken publish(String topic, byte[] payload) throws MqttException {
    return client.publish(topic, payload, 1, false);
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnectForcibly(0, 1_000, false);
    }
    client.close(true);
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    disconnected.complete(response);
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {}

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
        message.getProperties() == null ? null : message.getProperties().getMessageExpiryInterval()));
  }

  @Override
  public void deliveryComplete(IMqttToken token) {}

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {}

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}

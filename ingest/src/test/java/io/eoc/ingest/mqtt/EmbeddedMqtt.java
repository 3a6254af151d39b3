package io.eoc.ingest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * One server connection on an EmbeddedChannel, and a client codec on a second one: packets built
 * by the test are encoded to bytes by a real MqttEncoder, and the server's bytes are decoded back
 * by a real MqttDecoder — no sockets, no threads.
 */
final class EmbeddedMqtt implements AutoCloseable {

  final EmbeddedChannel server;
  private final EmbeddedChannel client = new EmbeddedChannel(MqttEncoder.INSTANCE, new MqttDecoder());

  EmbeddedMqtt(TransportContext context) {
    server = new EmbeddedChannel(new MqttChannelInitializer(context, channel -> { }));
  }

  /** Connects as {@code clientId} (accepted by {@code allowAll}) and returns the CONNACK. */
  MqttConnAckMessage connect(MqttVersion version, String clientId) {
    send(Packets.connect(version, clientId, 60));
    MqttConnAckMessage connAck = (MqttConnAckMessage) receive();
    if (connAck.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
      throw new AssertionError("not accepted: " + connAck);
    }
    return connAck;
  }

  /** Encodes {@code message} as the client would and feeds the bytes to the server. */
  void send(MqttMessage message) {
    client.writeOutbound(message);
    for (ByteBuf bytes; (bytes = client.readOutbound()) != null; ) {
      server.writeInbound(bytes);
    }
  }

  void sendRaw(int... bytes) {
    ByteBuf buf = Unpooled.buffer(bytes.length);
    for (int b : bytes) {
      buf.writeByte(b);
    }
    server.writeInbound(buf);
  }

  /** The next packet the server sent, or null if none. */
  MqttMessage receive() {
    server.runPendingTasks();
    for (ByteBuf bytes; (bytes = server.readOutbound()) != null; ) {
      client.writeInbound(bytes);
    }
    return client.readInbound();
  }

  /** Every packet the server has sent so far. */
  List<MqttMessage> receiveAll() {
    List<MqttMessage> all = new ArrayList<>();
    for (MqttMessage m; (m = receive()) != null; ) {
      all.add(m);
    }
    return all;
  }

  boolean isOpen() {
    server.runPendingTasks();
    return server.isOpen();
  }

  @Override
  public void close() {
    receiveAll().forEach(ReferenceCountUtil::release);
    server.finishAndReleaseAll();
    client.finishAndReleaseAll();
  }
}

package io.eoc.ingest.mqtt;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.mqtt.MqttProperties;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * QoS 1 messages to one agent, each completed by the agent's PUBACK. Every method except
 * {@link #publish} runs on the connection's event loop.
 *
 * <p>Messages with an expiry come from {@link DownlinkQueues} and go back there when the
 * connection closes before their PUBACK, to be sent again to the agent's next connection.
 */
final class Downlink {

  /** PUBACK reason codes of 0x80 and above are failures (MQTT 5 §3.4.2.1). */
  private static final int FIRST_FAILURE_REASON = 0x80;
  private static final int MAX_PACKET_ID = 65_535;

  /** A PUBLISH awaiting its PUBACK; {@code queued} is null for a message without expiry. */
  private record Outgoing(CompletableFuture<Void> acked, DownlinkQueues.Queued queued) {}

  private final String agentId;
  private final Channel channel;
  private final boolean v5;
  private final DownlinkQueues queues;
  /** In send order, so that messages put back keep it. */
  private final Map<Integer, Outgoing> awaitingAck = new LinkedHashMap<>();
  private int lastPacketId;

  Downlink(String agentId, Channel channel, boolean v5, DownlinkQueues queues) {
    this.agentId = agentId;
    this.channel = channel;
    this.v5 = v5;
    this.queues = queues;
  }

  /** Sends a QoS 1 PUBLISH; completes on PUBACK, fails if the connection closes first. */
  CompletionStage<Void> publish(String topic, byte[] payload) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    byte[] copy = payload.clone();
    if (!AgentSession.runOnLoop(channel,
        () -> send(topic, copy, MqttProperties.NO_PROPERTIES, new Outgoing(acked, null)))) {
      acked.completeExceptionally(new AgentNotConnectedException(agentId, "transport is closing"));
    }
    return acked;
  }

  /**
   * Sends a queued message with what is left of its lifetime: MQTT 5 §3.3.2.3.3 [MQTT-3.3.2-6],
   * the server's PUBLISH "MUST contain a Message Expiry Interval set to the received value minus
   * the time that the Application Message has been waiting in the Server". MQTT 3.1.1 has no such
   * property: the message goes without it.
   */
  void send(DownlinkQueues.Queued message, Instant now) {
    MqttProperties properties = MqttProperties.NO_PROPERTIES;
    if (v5) {
      properties = new MqttProperties();
      properties.add(new MqttProperties.IntegerProperty(
          MqttProperties.PUBLICATION_EXPIRY_INTERVAL, expirySeconds(message.remaining(now))));
    }
    send(message.topic, message.payload, properties, new Outgoing(message.acked, message));
  }

  /** Whole seconds on the wire, rounded up so that a message never expires early; at least 1. */
  static int expirySeconds(Duration remaining) {
    long millis = Math.max(1, remaining.toMillis());
    return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
  }

  void onPubAck(int packetId, byte reasonCode) {
    Outgoing outgoing = awaitingAck.remove(packetId);
    if (outgoing == null) {
      return; // a PUBACK for nothing we sent: harmless, ignore
    }
    if ((reasonCode & 0xFF) >= FIRST_FAILURE_REASON) {
      outgoing.acked().completeExceptionally(new IOException(String.format(
          "agent %s refused the message with reason code 0x%02X", agentId, reasonCode & 0xFF)));
    } else {
      outgoing.acked().complete(null);
    }
  }

  /**
   * The connection is gone: nothing awaiting a PUBACK will get one. Messages without expiry fail;
   * those with one go back to the agent's queue (the agent may then receive one twice: QoS 1).
   */
  void failAll() {
    List<Outgoing> pending = new ArrayList<>(awaitingAck.values());
    awaitingAck.clear();
    List<DownlinkQueues.Queued> putBack = new ArrayList<>();
    for (Outgoing outgoing : pending) {
      if (outgoing.queued() != null) {
        putBack.add(outgoing.queued());
      } else {
        outgoing.acked().completeExceptionally(new AgentNotConnectedException(agentId, "disconnected before PUBACK"));
      }
    }
    queues.putBack(agentId, putBack);
  }

  private void send(String topic, byte[] payload, MqttProperties properties, Outgoing outgoing) {
    if (!channel.isActive()) {
      unsent(outgoing, new AgentNotConnectedException(agentId, "is not connected"));
      return;
    }
    int packetId = nextFreePacketId();
    if (packetId == 0) {
      unsent(outgoing, new IOException("65535 messages to agent " + agentId + " await PUBACK"));
      return;
    }
    awaitingAck.put(packetId, outgoing);
    ChannelFuture written = channel.writeAndFlush(Replies.publish(topic, payload, packetId, properties));
    written.addListener(f -> {
      if (!f.isSuccess() && awaitingAck.remove(packetId, outgoing)) {
        unsent(outgoing, new AgentNotConnectedException(agentId, "write failed: " + f.cause()));
      }
    });
  }

  /** A message with expiry waits for the next connection; one without fails. */
  private void unsent(Outgoing outgoing, IOException failure) {
    if (outgoing.queued() != null) {
      queues.putBack(agentId, List.of(outgoing.queued()));
    } else {
      outgoing.acked().completeExceptionally(failure);
    }
  }

  /** Packet ids are 1..65535 and must not be reused while awaiting PUBACK (MQTT 3.1.1 §2.3.1). */
  private int nextFreePacketId() {
    for (int tries = 0; tries < MAX_PACKET_ID; tries++) {
      lastPacketId = lastPacketId % MAX_PACKET_ID + 1;
      if (!awaitingAck.containsKey(lastPacketId)) {
        return lastPacketId;
      }
    }
    return 0;
  }
}

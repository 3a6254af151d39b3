package io.eoc.ingest.mqtt;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * QoS 1 messages to one agent, each completed by the agent's PUBACK. Every method except
 * {@link #publish} runs on the connection's event loop.
 */
final class Downlink {

  /** PUBACK reason codes of 0x80 and above are failures (MQTT 5 §3.4.2.1). */
  private static final int FIRST_FAILURE_REASON = 0x80;
  private static final int MAX_PACKET_ID = 65_535;

  private final String agentId;
  private final Channel channel;
  private final Map<Integer, CompletableFuture<Void>> awaitingAck = new HashMap<>();
  private int lastPacketId;

  Downlink(String agentId, Channel channel) {
    this.agentId = agentId;
    this.channel = channel;
  }

  /** Sends a QoS 1 PUBLISH; completes on PUBACK, fails if the connection closes first. */
  CompletionStage<Void> publish(String topic, byte[] payload) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    byte[] copy = payload.clone();
    if (!AgentSession.runOnLoop(channel, () -> send(topic, copy, acked))) {
      acked.completeExceptionally(new AgentNotConnectedException(agentId, "transport is closing"));
    }
    return acked;
  }

  void onPubAck(int packetId, byte reasonCode) {
    CompletableFuture<Void> acked = awaitingAck.remove(packetId);
    if (acked == null) {
      return; // a PUBACK for nothing we sent: harmless, ignore
    }
    if ((reasonCode & 0xFF) >= FIRST_FAILURE_REASON) {
      acked.completeExceptionally(new IOException(String.format(
          "agent %s refused the message with reason code 0x%02X", agentId, reasonCode & 0xFF)));
    } else {
      acked.complete(null);
    }
  }

  /** The connection is gone: nothing awaiting a PUBACK will get one. */
  void failAll() {
    List<CompletableFuture<Void>> pending = new ArrayList<>(awaitingAck.values());
    awaitingAck.clear();
    pending.forEach(f -> f.completeExceptionally(
        new AgentNotConnectedException(agentId, "disconnected before PUBACK")));
  }

  private void send(String topic, byte[] payload, CompletableFuture<Void> acked) {
    if (!channel.isActive()) {
      acked.completeExceptionally(new AgentNotConnectedException(agentId, "is not connected"));
      return;
    }
    int packetId = nextFreePacketId();
    if (packetId == 0) {
      acked.completeExceptionally(new IOException("65535 messages to agent " + agentId + " await PUBACK"));
      return;
    }
    awaitingAck.put(packetId, acked);
    ChannelFuture written = channel.writeAndFlush(Replies.publish(topic, payload, packetId));
    written.addListener(f -> {
      if (!f.isSuccess() && awaitingAck.remove(packetId, acked)) {
        acked.completeExceptionally(new AgentNotConnectedException(agentId, "write failed: " + f.cause()));
      }
    });
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

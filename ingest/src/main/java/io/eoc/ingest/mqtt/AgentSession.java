package io.eoc.ingest.mqtt;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connected agent: its identity, protocol version, channel, subscriptions and downlink state.
 * Subscriptions are confined to the connection's event loop.
 */
final class AgentSession {

  private final String agentId;
  private final MqttVersion version;
  private final Channel channel;
  private final Downlink downlink;
  private final Set<String> subscriptions = new HashSet<>();

  AgentSession(String agentId, MqttVersion version, Channel channel, DownlinkQueues queues) {
    this.agentId = agentId;
    this.version = version;
    this.channel = channel;
    this.downlink = new Downlink(agentId, channel, version == MqttVersion.MQTT_5, queues);
  }

  String agentId() {
    return agentId;
  }

  MqttVersion version() {
    return version;
  }

  boolean isV5() {
    return version == MqttVersion.MQTT_5;
  }

  Channel channel() {
    return channel;
  }

  Downlink downlink() {
    return downlink;
  }

  /** Records a granted topic filter (already checked against the ACL). */
  void subscribe(String filter) {
    subscriptions.add(filter);
  }

  void unsubscribe(String filter) {
    subscriptions.remove(filter);
  }

  boolean isSubscribedTo(String topic) {
    for (String filter : subscriptions) {
      if (Topics.matches(filter, topic)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sends the agent's queued messages that a subscription of this connection matches, with their
   * remaining expiry. On the event loop; does nothing before the first SUBSCRIBE, so that a
   * reconnecting agent gets them only once it listens.
   */
  void deliverQueued(DownlinkQueues queues, Instant now) {
    if (subscriptions.isEmpty() || !channel.isActive()) {
      return;
    }
    queues.take(agentId, this::isSubscribedTo, now).forEach(message -> downlink.send(message, now));
  }

  /**
   * Closes the connection, telling an MQTT 5 client why first (MQTT 5 §4.13: the server may send
   * DISCONNECT with a reason code before closing). MQTT 3.1.1 has no server DISCONNECT: just close.
   */
  void disconnect(MqttReasonCodes.Disconnect reason) {
    if (isV5() && channel.isActive()) {
      channel.writeAndFlush(Replies.disconnect(reason)).addListener(ChannelFutureListener.CLOSE);
    } else {
      channel.close();
    }
  }

  /** Runs {@code task} on this connection's event loop; drops it if the loop is shutting down. */
  void runOnLoop(Runnable task) {
    runOnLoop(channel, task);
  }

  /** Returns false, having dropped {@code task}, when the event loop no longer accepts tasks. */
  static boolean runOnLoop(Channel channel, Runnable task) {
    EventLoop loop = channel.eventLoop();
    if (loop.inEventLoop()) {
      task.run();
      return true;
    }
    try {
      loop.execute(task);
      return true;
    } catch (RejectedExecutionException shuttingDown) {
      // The transport is closing: the connection is gone, so nothing is left to acknowledge.
      return false;
    }
  }

  @Override
  public String toString() {
    return "AgentSession[" + agentId + ", " + version + ", " + channel.remoteAddress() + "]";
  }
}

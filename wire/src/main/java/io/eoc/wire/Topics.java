package io.eoc.wire;

import java.util.Optional;

/**
 * The MQTT topic scheme between agents and the cloud. Everything an agent may touch sits under
 * its own prefix, which is what the cloud's topic ACL checks.
 */
public final class Topics {
  public static final String PREFIX = "eoc/v1/agents/";

  private Topics() {}

  /** Telemetry batches ({@link BatchCodec}). */
  public static String batches(String agentId) {
    return PREFIX + Names.requireName(agentId, "agent id") + "/batches";
  }

  /**
   * Batches sent from the backlog after an outage: the same envelopes as on {@link #batches}, on
   * their own topic so the cloud can tell backfilled data from live data.
   */
  public static String backfill(String agentId) {
    return PREFIX + Names.requireName(agentId, "agent id") + "/backfill";
  }

  /** The agent's device catalogue ({@link DeviceCatalogCodec}), sent on every connect. */
  public static String devices(String agentId) {
    return PREFIX + Names.requireName(agentId, "agent id") + "/devices";
  }

  /** Remote-control commands to the agent ({@link CommandCodec}): downlink, the agent subscribes to it. */
  public static String commands(String agentId) {
    return PREFIX + Names.requireName(agentId, "agent id") + "/commands";
  }

  /** What the agent did with each command ({@link CommandCodec}): uplink, handled by the cloud outside Kafka. */
  public static String commandResults(String agentId) {
    return PREFIX + Names.requireName(agentId, "agent id") + "/command-results";
  }

  /** The agent id a topic belongs to, if it is under the agents prefix. */
  public static Optional<String> agentOf(String topic) {
    if (topic == null || !topic.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int end = topic.indexOf('/', PREFIX.length());
    String agent = end < 0 ? topic.substring(PREFIX.length()) : topic.substring(PREFIX.length(), end);
    return Names.isValid(agent) ? Optional.of(agent) : Optional.empty();
  }

  /** The last level of the topic ("batches", "devices"). */
  public static String kind(String topic) {
    return topic.substring(topic.lastIndexOf('/') + 1);
  }
}

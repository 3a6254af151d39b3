package io.eoc.ingest.mqtt;

/**
 * The topic scheme and its access rules.
 *
 * <pre>
 *   eoc/v1/agents/{agentId}/...            what agent {agentId} may publish (uplink)
 *   eoc/v1/agents/{agentId}/commands/...   what agent {agentId} may subscribe to (downlink)
 * </pre>
 *
 * An agent id is exactly one topic level, so a literal prefix match is enough: a filter with a
 * wildcard in the agent level ({@code eoc/v1/agents/+/...}) never starts with a literal prefix.
 */
public final class Topics {

  /** The root of all agent topics. */
  public static final String AGENTS_ROOT = "eoc/v1/agents/";

  private static final String COMMANDS = "commands";

  private Topics() {}

  /** {@code eoc/v1/agents/{agentId}} — everything an agent owns is below it. */
  public static String agentRoot(String agentId) {
    requireAgentId(agentId);
    return AGENTS_ROOT + agentId;
  }

  /** {@code eoc/v1/agents/{agentId}/commands} — the downlink subtree of an agent. */
  public static String commandsRoot(String agentId) {
    return agentRoot(agentId) + "/" + COMMANDS;
  }

  /** Whether {@code agentId} may publish to {@code topic}: strictly below its own root. */
  public static boolean mayPublish(String agentId, String topic) {
    return topic != null && isBelow(topic, agentRoot(agentId));
  }

  /** Whether {@code agentId} may subscribe to {@code filter}: its commands subtree only. */
  public static boolean maySubscribe(String agentId, String filter) {
    String root = commandsRoot(agentId);
    return filter != null && (filter.equals(root) || isBelow(filter, root));
  }

  /** A non-empty single topic level: no '/', no wildcard, no NUL (MQTT 3.1.1 §4.7.3). */
  public static boolean isValidAgentId(String agentId) {
    if (agentId == null || agentId.isEmpty()) {
      return false;
    }
    for (int i = 0; i < agentId.length(); i++) {
      char c = agentId.charAt(i);
      if (c == '/' || c == '+' || c == '#' || c == '\u0000') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether topic filter {@code filter} matches topic name {@code topic} (MQTT 3.1.1 §4.7.1): '+'
   * is exactly one level, a trailing '#' any number of levels including none ("a/#" matches "a").
   */
  static boolean matches(String filter, String topic) {
    String[] filterLevels = filter.split("/", -1);
    String[] topicLevels = topic.split("/", -1);
    for (int i = 0; i < filterLevels.length; i++) {
      if (filterLevels[i].equals("#")) {
        return i == filterLevels.length - 1;
      }
      if (i >= topicLevels.length || !(filterLevels[i].equals("+") || filterLevels[i].equals(topicLevels[i]))) {
        return false;
      }
    }
    return filterLevels.length == topicLevels.length;
  }

  private static boolean isBelow(String topic, String root) {
    return topic.length() > root.length() + 1
        && topic.startsWith(root)
        && topic.charAt(root.length()) == '/';
  }

  private static void requireAgentId(String agentId) {
    if (!isValidAgentId(agentId)) {
      throw new IllegalArgumentException("not a valid agent id: " + agentId);
    }
  }
}

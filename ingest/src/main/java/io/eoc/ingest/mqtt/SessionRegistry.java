package io.eoc.ingest.mqtt;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The connected agents: at most one session per agent id. */
final class SessionRegistry {

  private final Map<String, AgentSession> byAgentId = new ConcurrentHashMap<>();

  /** Makes {@code session} the agent's session; returns the one it replaces, to be taken over. */
  Optional<AgentSession> register(AgentSession session) {
    return Optional.ofNullable(byAgentId.put(session.agentId(), session));
  }

  /** Forgets {@code session} unless a newer session of the same agent already replaced it. */
  void remove(AgentSession session) {
    byAgentId.remove(session.agentId(), session);
  }

  Optional<AgentSession> find(String agentId) {
    return Optional.ofNullable(byAgentId.get(agentId));
  }

  int size() {
    return byAgentId.size();
  }
}

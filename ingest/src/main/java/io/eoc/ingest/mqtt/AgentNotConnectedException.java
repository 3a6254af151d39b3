package io.eoc.ingest.mqtt;

import java.io.IOException;

/** A downlink could not be delivered because the agent is not (or no longer) connected. */
public final class AgentNotConnectedException extends IOException {

  private final String agentId;

  public AgentNotConnectedException(String agentId, String detail) {
    super("agent " + agentId + " " + detail);
    this.agentId = agentId;
  }

  public String agentId() {
    return agentId;
  }
}

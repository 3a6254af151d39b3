package io.eoc.ingest.mqtt;

import java.io.IOException;
import java.util.Objects;

/** A downlink message with an expiry was dropped undelivered; {@link #reason()} says why. */
public final class DownlinkDroppedException extends IOException {

  private final String agentId;
  private final DownlinkDrop reason;

  public DownlinkDroppedException(String agentId, DownlinkDrop reason, String detail) {
    super("downlink to agent " + agentId + " dropped (" + reason + "): " + detail);
    this.agentId = agentId;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public String agentId() {
    return agentId;
  }

  public DownlinkDrop reason() {
    return reason;
  }
}

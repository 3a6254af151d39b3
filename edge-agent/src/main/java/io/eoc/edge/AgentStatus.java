package io.eoc.edge;

import io.eoc.edge.uplink.UplinkStats;
import java.util.List;

/** A snapshot of the running agent: points read, each device's connection, the uplink. */
public record AgentStatus(String agentId, long pointsRead, long badPoints, List<DeviceStatus> devices,
    UplinkStats uplink) {
  public AgentStatus {
    devices = List.copyOf(devices);
  }
}

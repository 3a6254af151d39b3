package io.eoc.edge;

import io.eoc.edge.control.ResultStats;
import io.eoc.edge.uplink.UplinkStats;
import io.eoc.edge.filter.DropCount;
import io.eoc.edge.outbox.OutboxStats;
import java.util.List;

/**
 * A snapshot of the running agent: points read, each device's connection, the uplink, and the
 * remote-command results waiting for the cloud.
 */
public record AgentStatus(String agentId, long pointsRead, long badPoints, long derivedPoints,
    List<DropCount> filtered, List<DeviceStatus> devices, BatchStats batches, OutboxStats outbox, UplinkStats uplink,
    ResultStats commandResults) {
  public AgentStatus {
    filtered = List.copyOf(filtered);
    devices = List.copyOf(devices);
  }

  /** Points removed or marked by the filters, by reason, summed over tags. */
  public java.util.Map<String, Long> filteredByReason() {
    return filtered.stream().collect(java.util.stream.Collectors.groupingBy(DropCount::reason,
        java.util.TreeMap::new, java.util.stream.Collectors.summingLong(DropCount::count)));
  }
}

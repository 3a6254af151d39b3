package io.eoc.metrics.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * Uses of one device service in one hour, as the cloud recorded them when it served them.
 *
 * @param service subdomain id of jiangsu-2023 §四 设备服务: ledger, inspection, work-order,
 *     maintenance, realtime, reports, trace, scada, alarms, remote-control, optimisation
 * @param backfill the uses were pushed by a backfill (simulated history), not served live
 */
public record ServiceHour(String service, Instant hour, long uses, boolean backfill) {
  public ServiceHour {
    Objects.requireNonNull(service, "service");
    Hours.requireHour(hour);
    Hours.requireCounts(uses);
  }
}

package io.eoc.metrics.evidence;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One device of the ledger (设备台账) as the cloud knows it.
 *
 * @param id {@code agent/device}, unique across agents
 * @param category equipment category id: high-energy, power, new-energy, intelligent, or
 *     business-host for a host reported by {@code eoc probe}
 * @param simulated the device identifies itself as simulated (never mistaken for real equipment)
 * @param purchaseValue10kCny purchase price actually paid, in 10k CNY (jiangsu-2023 §四 note 2), when entered
 * @param expectedPointsPerHour raw points per hour the agent's poll plan promises (tags × 3600 / poll
 *     interval); 0 when the plan is unknown
 */
public record LedgerDevice(String id, String agentId, String name, String category, String kind,
    String protocol, boolean simulated, OptionalDouble purchaseValue10kCny, double expectedPointsPerHour) {
  public LedgerDevice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(purchaseValue10kCny, "purchaseValue10kCny");
    if (expectedPointsPerHour < 0 || Double.isNaN(expectedPointsPerHour)) {
      throw new IllegalArgumentException("expectedPointsPerHour must be >= 0, was " + expectedPointsPerHour);
    }
  }
}

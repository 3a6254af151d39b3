package io.eoc.edge.config;

import io.eoc.edge.analysis.AnalysisConfig;
import io.eoc.wire.DeviceInfo;
import io.eoc.wire.EquipmentCategory;
import io.eoc.wire.Names;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One device the agent reads. A Modbus device has its endpoint and registers here; a device of
 * another protocol carries its settings in {@code other} (and no registers).
 */
public record DeviceConfig(String id, String name, EquipmentCategory category, String kind,
    boolean simulated, ModbusEndpoint modbus, Duration poll, List<RegisterConfig> registers, AnalysisConfig analysis,
    Optional<ProtocolDevice> other) {

  public DeviceConfig {
    Names.requireName(id, "device id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(poll, "poll");
    registers = List.copyOf(registers);
    Objects.requireNonNull(analysis, "analysis");
    Objects.requireNonNull(other, "other");
    if (other.isEmpty()) {
      Objects.requireNonNull(modbus, "modbus");
    }
  }

  /** A Modbus TCP device. */
  public DeviceConfig(String id, String name, EquipmentCategory category, String kind, boolean simulated,
      ModbusEndpoint modbus, Duration poll, List<RegisterConfig> registers, AnalysisConfig analysis) {
    this(id, name, category, kind, simulated, modbus, poll, registers, analysis, Optional.empty());
  }

  public String protocol() {
    return other.map(ProtocolDevice::protocol).orElseGet(() -> modbus.transport().id());
  }

  /** Where the device is reached, for status output. */
  public String endpoint() {
    return other.map(ProtocolDevice::endpoint).orElseGet(() -> modbus.toString());
  }

  /** Every tag of the device, whatever its protocol. */
  public List<TagSpec> tags() {
    return other.map(ProtocolDevice::tags)
        .orElseGet(() -> registers.stream().map(r -> new TagSpec(r.tag(), r.unit(), r.filter())).toList());
  }

  /** What the cloud is told about this device, with the raw points per hour its poll plan promises. */
  public DeviceInfo info() {
    return new DeviceInfo(id, name, category, kind, protocol(), simulated,
        tags().stream().map(t -> new DeviceInfo.TagInfo(t.tag(), t.unit())).toList(), expectedPointsPerHour());
  }

  /**
   * Tags × 3600 / poll interval when every tag is read each poll (Modbus, OPC UA in poll mode); 0
   * when the source decides when values arrive, which the cloud reads as "plan unknown".
   */
  public double expectedPointsPerHour() {
    boolean polled = other.map(ProtocolDevice::readsEveryTagEachPoll).orElse(true);
    return polled ? DeviceInfo.pointsPerHour(tags().size(), poll.toMillis()) : 0;
  }
}

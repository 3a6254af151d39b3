package io.eoc.edge.config;

import io.eoc.edge.analysis.AnalysisConfig;
import io.eoc.wire.DeviceInfo;
import io.eoc.wire.EquipmentCategory;
import io.eoc.wire.Names;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** One device the agent polls. */
public record DeviceConfig(String id, String name, EquipmentCategory category, String kind,
    boolean simulated, ModbusEndpoint modbus, Duration poll, List<RegisterConfig> registers, AnalysisConfig analysis) {

  public DeviceConfig {
    Names.requireName(id, "device id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(modbus, "modbus");
    Objects.requireNonNull(poll, "poll");
    registers = List.copyOf(registers);
    Objects.requireNonNull(analysis, "analysis");
  }

  /** What the cloud is told about this device. */
  public DeviceInfo info() {
    return new DeviceInfo(id, name, category, kind, "modbus-tcp", simulated,
        registers.stream().map(r -> new DeviceInfo.TagInfo(r.tag(), r.unit())).toList());
  }
}

package io.eoc.wire;

import java.util.Arrays;
import java.util.Optional;

/**
 * Equipment categories of jiangsu-2023 §三(二)1 工业设备接入, plus {@code other} for equipment
 * outside them (connected, but not counted towards the access indicator).
 */
public enum EquipmentCategory {
  /** 高能耗设备: blast furnace, industrial boiler. */
  HIGH_ENERGY("high-energy"),
  /** 通用动力设备: diesel engine, large/medium motor, large air compressor. */
  POWER("power"),
  /** 新能源设备: wind power, photovoltaic. */
  NEW_ENERGY("new-energy"),
  /** 智能装备: construction machinery, CNC machine tool. */
  INTELLIGENT("intelligent"),
  OTHER("other");

  private final String id;

  EquipmentCategory(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<EquipmentCategory> fromId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }
}

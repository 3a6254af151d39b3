package io.eoc.wire;

import java.util.Arrays;
import java.util.Optional;

/**
 * Equipment categories of jiangsu-2023 §三(二)1 工业设备接入, plus {@code other} for equipment
 * outside them (connected, but not counted towards the access indicator), and {@code business-host}
 * for the servers measured by the host probe (jiangsu-2018 §四 综合绩效), which are not equipment
 * either. The equipment-access indicator counts only the category it is given, so neither of the
 * last two ever counts as connected equipment.
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
  OTHER("other"),
  /**
   * 业务主机: a business host whose CPU utilisation and bandwidth usage rate are measured by
   * {@code eoc probe} (jiangsu-2018 §四 综合绩效). Last, so that listings of the equipment
   * categories keep their order.
   */
  BUSINESS_HOST("business-host");

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

package io.eoc.sim.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * Equipment categories of jiangsu-2023 §三(二)1 工业设备接入. The ids are those of the agent's
 * configuration and the wire format ({@code io.eoc.wire.EquipmentCategory}), which this module
 * does not depend on.
 */
public enum Category {
  /** 高能耗设备: blast furnace, industrial boiler. */
  HIGH_ENERGY("high-energy"),
  /** 通用动力设备: diesel engine, large/medium motor, large air compressor. */
  POWER("power"),
  /** 新能源设备: wind power, photovoltaic. */
  NEW_ENERGY("new-energy"),
  /** 智能装备: construction machinery, CNC machine tool. */
  INTELLIGENT("intelligent"),
  /** Not counted towards the access indicator (synthetic load devices). */
  OTHER("other");

  private final String id;

  Category(String id) {
    this.id = id;
  }

  /** The id used in YAML files and on the wire ("high-energy"). */
  public String id() {
    return id;
  }

  public static Optional<Category> fromId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }
}

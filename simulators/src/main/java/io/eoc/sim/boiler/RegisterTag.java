package io.eoc.sim.boiler;

import java.util.Objects;

/**
 * One tag of the Modbus contract: engineering value = raw × scale.
 *
 * @param name tag name, as the agent and the cloud know it ("steam_pressure")
 * @param address first holding register (0-based protocol address)
 * @param type register layout
 * @param scale multiplier from raw to engineering units; 1 for float32
 * @param unit engineering unit ("MPa", "°C", "m³/h", "t/h", "" for a state)
 */
public record RegisterTag(String name, int address, RegisterType type, double scale, String unit) {

  public RegisterTag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(unit, "unit");
    if (name.isBlank()) {
      throw new IllegalArgumentException("tag name must not be blank");
    }
    if (address < 0 || address + type.words() > 0x10000) {
      throw new IllegalArgumentException(
          "tag " + name + ": address " + address + " does not fit 0-65535 for " + type.id());
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("tag " + name + ": scale must be positive: " + scale);
    }
  }

  /** Address of the last register the tag occupies. */
  public int lastAddress() {
    return address + type.words() - 1;
  }

  /** Whether registers [first, first + count) hold the whole tag. */
  public boolean coveredBy(int first, int count) {
    return address >= first && lastAddress() < first + count;
  }
}

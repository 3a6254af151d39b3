package io.eoc.sim.modbus;

import io.eoc.sim.boiler.RegisterTag;
import io.eoc.sim.boiler.RegisterType;
import io.eoc.sim.model.TagSpec;
import java.util.Objects;

/**
 * Where and how one tag is served in holding (and input) registers: engineering value = raw ×
 * scale, as the agent decodes it.
 *
 * @param tag the tag, with its unit, range and whether it is writable
 * @param address first register (0-based protocol address)
 * @param type register layout
 * @param scale multiplier from raw to engineering units; 1 for float32
 */
public record ModbusRegister(TagSpec tag, int address, RegisterType type, double scale) {

  public ModbusRegister {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(type, "type");
    if (address < 0 || address + type.words() > 0x10000) {
      throw new IllegalArgumentException("tag " + tag.name() + ": address " + address
          + " does not fit 0-65535 for " + type.id());
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("tag " + tag.name() + ": scale must be positive");
    }
  }

  public String name() {
    return tag.name();
  }

  public String unit() {
    return tag.unit();
  }

  public boolean writable() {
    return tag.writable();
  }

  /** Address of the last register the tag occupies. */
  public int lastAddress() {
    return address + type.words() - 1;
  }

  /** Whether registers [first, first + count) hold the whole tag. */
  public boolean coveredBy(int first, int count) {
    return address >= first && lastAddress() < first + count;
  }

  /** Whether registers [first, first + count) hold any part of the tag. */
  public boolean overlaps(int first, int count) {
    return address < first + count && lastAddress() >= first;
  }

  /** The same register as the boiler's map describes its own. */
  public RegisterTag toRegisterTag() {
    return new RegisterTag(tag.name(), address, type, scale, tag.unit());
  }
}

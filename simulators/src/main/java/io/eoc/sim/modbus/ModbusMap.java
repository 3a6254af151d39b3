package io.eoc.sim.modbus;

import io.eoc.sim.boiler.RegisterType;
import io.eoc.sim.model.TagKind;
import io.eoc.sim.model.TagSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A device's Modbus contract built from its tags: one holding-register image, served alike by
 * function 3 and function 4, tags laid out one after another from address 0 in tag order.
 *
 * <p>How a tag is laid out (MODBUS Application Protocol V1.1b3 §4.2 leaves it to the device):
 * <ul>
 *   <li>a state: uint16, scale 1;
 *   <li>an analog: a 16-bit integer scaled by the tag's resolution (int16 if the range goes below
 *       0, else uint16) when that holds the range with a quarter of the span to spare above and
 *       below, so that an out-of-range fault can still be served; otherwise float32;
 *   <li>a counter: uint32 scaled by the resolution under the same rule, else float32.
 * </ul>
 * Multi-word values are big-endian, high word first. Decoding multiplies raw × scale in double
 * arithmetic, exactly as the agent does.
 */
public final class ModbusMap {

  private final List<ModbusRegister> registers;
  private final Map<String, ModbusRegister> byName = new LinkedHashMap<>();
  private final int registerCount;

  private ModbusMap(List<ModbusRegister> registers) {
    this.registers = List.copyOf(registers);
    for (ModbusRegister r : registers) {
      if (byName.put(r.name(), r) != null) {
        throw new IllegalArgumentException("tag " + r.name() + " appears twice");
      }
    }
    this.registerCount =
        registers.stream().mapToInt(ModbusRegister::lastAddress).max().orElse(-1) + 1;
  }

  /** The map of a device with {@code tags}, laid out by the rules above. */
  public static ModbusMap of(List<TagSpec> tags) {
    List<ModbusRegister> registers = new ArrayList<>();
    int address = 0;
    for (TagSpec tag : tags) {
      RegisterType type = typeFor(tag);
      double scale = type == RegisterType.FLOAT32 ? 1 : tag.resolution();
      registers.add(new ModbusRegister(tag, address, type, scale));
      address += type.words();
    }
    return new ModbusMap(registers);
  }

  /** The register type the layout rule gives {@code tag}. */
  public static RegisterType typeFor(TagSpec tag) {
    if (tag.kind() == TagKind.STATE) {
      return RegisterType.UINT16;
    }
    double spare = tag.span() / 4;
    double low = (tag.min() - spare) / tag.resolution();
    double high = (tag.max() + spare) / tag.resolution();
    if (tag.kind() == TagKind.COUNTER) {
      return high <= 0xFFFF_FFFFL ? RegisterType.UINT32 : RegisterType.FLOAT32;
    }
    if (tag.min() >= 0 && high <= 0xFFFF) {
      return RegisterType.UINT16;
    }
    if (low >= Short.MIN_VALUE && high <= Short.MAX_VALUE) {
      return RegisterType.INT16;
    }
    return RegisterType.FLOAT32;
  }

  /** Registers in address order. */
  public List<ModbusRegister> registers() {
    return registers;
  }

  public Optional<ModbusRegister> register(String tag) {
    return Optional.ofNullable(byName.get(tag));
  }

  /** Size of the image: registers 0 to {@code registerCount() - 1}. */
  public int registerCount() {
    return registerCount;
  }

  /**
   * The image serving {@code values} (engineering units, by tag name).
   *
   * @throws IllegalArgumentException if a tag of the map has no value
   */
  public short[] encode(Map<String, Double> values) {
    Objects.requireNonNull(values, "values");
    short[] image = new short[registerCount];
    for (ModbusRegister r : registers) {
      Double value = values.get(r.name());
      if (value == null) {
        throw new IllegalArgumentException("no value for tag " + r.name());
      }
      r.type().encode(value / r.scale(), image, r.address());
    }
    return image;
  }

  /**
   * Engineering values of the tags that registers [firstRegister, firstRegister + words.length)
   * hold completely, in address order; a tag cut by the range is left out, as a reader of that
   * range could not have decoded it.
   */
  public Map<String, Double> decode(int firstRegister, short[] words) {
    Objects.requireNonNull(words, "words");
    Map<String, Double> values = new LinkedHashMap<>();
    for (ModbusRegister r : registers) {
      if (r.coveredBy(firstRegister, words.length)) {
        values.put(r.name(), r.type().decode(words, r.address() - firstRegister) * r.scale());
      }
    }
    return Collections.unmodifiableMap(values);
  }

  /** "0 running uint16 0/1, 1 current uint16 x0.1 A, 2-3 energy uint32 kWh, …". */
  public String summary() {
    return registers.stream().map(ModbusMap::describe).collect(Collectors.joining(", "));
  }

  private static String describe(ModbusRegister r) {
    String addresses = r.type().words() == 1
        ? Integer.toString(r.address())
        : r.address() + "-" + r.lastAddress();
    String scale = r.scale() == 1 ? "" : " x" + r.scale();
    String unit = r.unit().isEmpty()
        ? r.tag().kind() == TagKind.STATE ? " " + (int) r.tag().min() + "-" + (int) r.tag().max()
            : ""
        : " " + r.unit();
    String writable = r.writable() ? " (writable)" : "";
    return addresses + " " + r.name() + " " + r.type().id() + scale + unit + writable;
  }
}

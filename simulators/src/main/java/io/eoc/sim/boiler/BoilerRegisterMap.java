package io.eoc.sim.boiler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The boiler's Modbus contract: which holding registers carry which tag, and how.
 *
 * <pre>
 *   0     steam_pressure     uint16  × 0.01  MPa
 *   1     steam_temperature  int16   × 0.1   °C
 *   2–3   fuel_flow          float32         m³/h
 *   4     running            uint16          0/1
 *   5–6   steam_flow         float32         t/h
 * </pre>
 *
 * The same image answers function 3 (holding registers) and function 4 (input registers).
 * Decoding multiplies raw × scale in double arithmetic, exactly as the edge agent's
 * {@code RegisterConfig.engineering} does, so a served value and the value the agent stores are
 * the same double (123 × 0.01 = 1.2300000000000002 on both sides).
 */
public final class BoilerRegisterMap {

  /** The unit id the device answers to unless configured otherwise. */
  public static final int DEFAULT_UNIT_ID = 1;

  public static final String STEAM_PRESSURE = "steam_pressure";
  public static final String STEAM_TEMPERATURE = "steam_temperature";
  public static final String FUEL_FLOW = "fuel_flow";
  public static final String RUNNING = "running";
  public static final String STEAM_FLOW = "steam_flow";

  private static final BoilerRegisterMap STANDARD = new BoilerRegisterMap(List.of(
      new Binding(new RegisterTag(STEAM_PRESSURE, 0, RegisterType.UINT16, 0.01, "MPa"),
          BoilerState::steamPressure),
      new Binding(new RegisterTag(STEAM_TEMPERATURE, 1, RegisterType.INT16, 0.1, "°C"),
          BoilerState::steamTemperature),
      new Binding(new RegisterTag(FUEL_FLOW, 2, RegisterType.FLOAT32, 1, "m³/h"),
          BoilerState::fuelFlow),
      new Binding(new RegisterTag(RUNNING, 4, RegisterType.UINT16, 1, ""),
          s -> s.running() ? 1 : 0),
      new Binding(new RegisterTag(STEAM_FLOW, 5, RegisterType.FLOAT32, 1, "t/h"),
          BoilerState::steamFlow)));

  private final List<Binding> bindings;
  private final List<RegisterTag> tags;
  private final int registerCount;

  private BoilerRegisterMap(List<Binding> bindings) {
    this.bindings = List.copyOf(bindings);
    this.tags = bindings.stream().map(Binding::tag).toList();
    this.registerCount = tags.stream().mapToInt(RegisterTag::lastAddress).max().orElse(-1) + 1;
  }

  /** The map every simulated boiler serves. */
  public static BoilerRegisterMap standard() {
    return STANDARD;
  }

  /** Tags in address order. */
  public List<RegisterTag> tags() {
    return tags;
  }

  public Optional<RegisterTag> tag(String name) {
    return tags.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Size of the register image: registers 0 to {@code registerCount() - 1}. */
  public int registerCount() {
    return registerCount;
  }

  /** The register image a device in {@code state} serves. */
  public short[] encode(BoilerState state) {
    Objects.requireNonNull(state, "state");
    short[] image = new short[registerCount];
    for (Binding b : bindings) {
      RegisterTag tag = b.tag();
      tag.type().encode(b.value().applyAsDouble(state) / tag.scale(), image, tag.address());
    }
    return image;
  }

  /** Engineering values of a whole register image, by tag name in address order. */
  public Map<String, Double> decode(short[] image) {
    return decode(0, image);
  }

  /**
   * Engineering values of the tags that registers [firstRegister, firstRegister + words.length)
   * hold completely; a tag cut by the range (half a float) is left out, as a reader of that range
   * could not have decoded it.
   */
  public Map<String, Double> decode(int firstRegister, short[] words) {
    Objects.requireNonNull(words, "words");
    Map<String, Double> values = new LinkedHashMap<>();
    for (RegisterTag tag : tags) {
      if (tag.coveredBy(firstRegister, words.length)) {
        double raw = tag.type().decode(words, tag.address() - firstRegister);
        values.put(tag.name(), raw * tag.scale());
      }
    }
    return Collections.unmodifiableMap(values);
  }

  /** One line per the CLI banner: "0 steam_pressure uint16 ×0.01 MPa, 1 …". */
  public String summary() {
    return tags.stream().map(BoilerRegisterMap::describe).collect(Collectors.joining(", "));
  }

  private static String describe(RegisterTag tag) {
    String addresses = tag.type().words() == 1
        ? Integer.toString(tag.address())
        : tag.address() + "-" + tag.lastAddress();
    String scale = tag.scale() == 1 ? "" : " x" + tag.scale();
    String unit = tag.unit().isEmpty() ? " 0/1" : " " + tag.unit();
    return addresses + " " + tag.name() + " " + tag.type().id() + scale + unit;
  }

  private record Binding(RegisterTag tag, ToDoubleFunction<BoilerState> value) {}
}

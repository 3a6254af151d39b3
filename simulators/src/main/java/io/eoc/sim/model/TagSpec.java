package io.eoc.sim.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One tag a simulated device exposes, independent of protocol.
 *
 * @param name tag name as the agent and the cloud know it ("steam_pressure"); the rule of
 *     {@code io.eoc.wire.Names}
 * @param unit engineering unit ("MPa", "kW", "°C"); empty for states
 * @param kind analog, state or counter
 * @param min lowest physically possible value (for a writable tag: the lowest accepted write)
 * @param max highest physically possible value (for a writable tag: the highest accepted write)
 * @param resolution smallest meaningful step; a protocol serves the tag with at least this
 *     resolution (1 for states)
 * @param writable whether a master may write it (a start/stop command or a set point)
 * @param description what the values mean, for states ("0 stopped, 1 running"); may be empty
 */
public record TagSpec(String name, String unit, TagKind kind, double min, double max,
    double resolution, boolean writable, String description) {

  /** The rule for tag and device names, as in {@code io.eoc.wire.Names}, for messages. */
  public static final String NAME_RULE =
      "1-128 characters A-Z a-z 0-9 . _ : -, starting with a letter or digit";
  // Safe in MQTT topics and file names.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  public TagSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    List<String> problems = new ArrayList<>();
    if (!isValidName(name)) {
      problems.add("name must be " + NAME_RULE);
    }
    if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
      problems.add("range must be finite with min < max, was " + min + " to " + max);
    }
    if (!(resolution > 0) || !Double.isFinite(resolution)) {
      problems.add("resolution must be positive, was " + resolution);
    }
    if (kind == TagKind.STATE && (min != Math.rint(min) || max != Math.rint(max)
        || resolution != 1)) {
      problems.add("a state has whole-number bounds and resolution 1");
    }
    if (kind == TagKind.COUNTER && min != 0) {
      problems.add("a counter starts at 0");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("tag " + name + ": " + String.join("; ", problems));
    }
  }

  /** Whether {@code name} is a valid tag or device name ({@link #NAME_RULE}). */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** A measured quantity. */
  public static TagSpec analog(String name, String unit, double min, double max,
      double resolution) {
    return new TagSpec(name, unit, TagKind.ANALOG, min, max, resolution, false, "");
  }

  /** A state 0 to {@code max}, described as e.g. "0 stopped, 1 running". */
  public static TagSpec state(String name, int max, String description) {
    return new TagSpec(name, "", TagKind.STATE, 0, max, 1, false, description);
  }

  /** A total from 0 up to {@code max}. */
  public static TagSpec counter(String name, String unit, double max, double resolution) {
    return new TagSpec(name, unit, TagKind.COUNTER, 0, max, resolution, false, "");
  }

  public TagSpec withWritable(boolean value) {
    return new TagSpec(name, unit, kind, min, max, resolution, value, description);
  }

  public TagSpec withDescription(String value) {
    return new TagSpec(name, unit, kind, min, max, resolution, writable, value);
  }

  public double span() {
    return max - min;
  }

  public boolean contains(double value) {
    return value >= min && value <= max;
  }

  /** "0 to 2000 kW", for messages. */
  public String range() {
    String text = format(min) + " to " + format(max);
    return unit.isEmpty() ? text : text + " " + unit;
  }

  /** A number without a trailing ".0" or exponent: 2000, 0.75, 0.001. */
  static String format(double value) {
    return Double.isFinite(value)
        ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
        : Double.toString(value);
  }

  /**
   * The value as an instrument of this resolution reports it (Modbus registers do this through
   * their scale); OPC UA and MQTT serve the same quantised value. Non-finite values pass as they are.
   */
  public double quantize(double value) {
    if (!Double.isFinite(value)) {
      return value;
    }
    return Math.round(value / resolution) * resolution;
  }
}

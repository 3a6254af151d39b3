package io.eoc.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A piece of simulated equipment: tags with physical meaning, advanced in simulated time.
 *
 * <p>Contract, shared by every implementation (and checked by one contract test):
 * <ul>
 *   <li>deterministic: the same seed, start instant, and sequence of {@link #step} and
 *       {@link #write} calls give the same values; no clock is read;
 *   <li>{@link #value} is pure: it reads the state after the last step or write;
 *   <li>every value of a tag lies within its {@link TagSpec} range;
 *   <li>{@link #write} changes the physics (a stop makes the power fall to 0) and refuses an
 *       unknown tag, a read-only tag, or a value outside the tag's range with an
 *       {@link IllegalArgumentException} that names the tag and what is allowed;
 *   <li>not thread-safe: a server confines each model to one thread.
 * </ul>
 */
public interface EquipmentModel {

  /** The kind of equipment ("wind-turbine"); also the Modbus product code. */
  String kind();

  /** The jiangsu-2023 category the equipment counts towards. */
  Category category();

  /** The tags, in the order a register map lays them out. */
  List<TagSpec> tags();

  /** Simulated time: the start instant plus every step so far. */
  Instant now();

  /** Advances the physics by {@code dt} of simulated time. */
  void step(Duration dt);

  /**
   * The current value of {@code tag}.
   *
   * @throws IllegalArgumentException if the model has no such tag
   */
  double value(String tag);

  /**
   * Writes a set point or command, as an operator or a master would.
   *
   * @throws IllegalArgumentException for an unknown or read-only tag or a value out of range
   */
  void write(String tag, double value);

  default Optional<TagSpec> tag(String name) {
    return tags().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Every tag's current value, in tag order. */
  default Map<String, Double> values() {
    Map<String, Double> values = new LinkedHashMap<>();
    for (TagSpec tag : tags()) {
      values.put(tag.name(), value(tag.name()));
    }
    return Collections.unmodifiableMap(values);
  }
}

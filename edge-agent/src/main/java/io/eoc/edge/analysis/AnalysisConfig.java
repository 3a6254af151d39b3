package io.eoc.edge.analysis;

import io.eoc.wire.Names;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one device computes at the edge: window aggregates, derived indicators and alarms.
 *
 * @param window the tumbling window, whole seconds, aligned to the epoch (60 s windows start on
 *     the minute)
 * @param maxGap the longest a value is held (or interpolated) when no newer sample arrives;
 *     beyond it the signal is unknown and is neither averaged nor integrated
 */
public record AnalysisConfig(Duration window, Duration maxGap, Aggregates aggregates,
    Optional<Running> running, Optional<Energy> energy, List<Specific> specific,
    Optional<CapacityFactor> capacityFactor, List<AlarmRule> alarms) {

  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
  public static final Duration DEFAULT_MAX_GAP = Duration.ofMinutes(5);

  /** Nothing to compute. */
  public static final AnalysisConfig NONE = new AnalysisConfig(DEFAULT_WINDOW, DEFAULT_MAX_GAP,
      Aggregates.NONE, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), List.of());

  public AnalysisConfig {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(maxGap, "maxGap");
    if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.getNano() != 0) {
      throw new IllegalArgumentException("window must be whole seconds >= 1s, was " + window);
    }
    if (maxGap.isNegative() || maxGap.isZero()) {
      throw new IllegalArgumentException("maxGap must be > 0, was " + maxGap);
    }
    Objects.requireNonNull(aggregates, "aggregates");
    Objects.requireNonNull(running, "running");
    Objects.requireNonNull(energy, "energy");
    specific = List.copyOf(specific);
    Objects.requireNonNull(capacityFactor, "capacityFactor");
    alarms = List.copyOf(alarms);
    Set<String> names = new HashSet<>();
    alarms.forEach(a -> {
      if (!names.add(a.name())) {
        throw new IllegalArgumentException("duplicate alarm name '" + a.name() + "'");
      }
    });
  }

  /** The window suffix of derived tags, e.g. {@code 60s} in {@code steam_pressure:mean:60s}. */
  public String windowLabel() {
    return window.toSeconds() + "s";
  }

  public boolean isEmpty() {
    return !aggregates.all() && aggregates.tags().isEmpty() && running.isEmpty() && energy.isEmpty()
        && specific.isEmpty() && capacityFactor.isEmpty() && alarms.isEmpty();
  }

  public AnalysisConfig withWindow(Duration newWindow) {
    return new AnalysisConfig(newWindow, maxGap, aggregates, running, energy, specific, capacityFactor, alarms);
  }

  public AnalysisConfig withMaxGap(Duration newMaxGap) {
    return new AnalysisConfig(window, newMaxGap, aggregates, running, energy, specific, capacityFactor, alarms);
  }

  public AnalysisConfig withAggregates(Aggregates newAggregates) {
    return new AnalysisConfig(window, maxGap, newAggregates, running, energy, specific, capacityFactor, alarms);
  }

  public AnalysisConfig withRunning(Running newRunning) {
    return new AnalysisConfig(window, maxGap, aggregates, Optional.of(newRunning), energy, specific,
        capacityFactor, alarms);
  }

  public AnalysisConfig withEnergy(Energy newEnergy) {
    return new AnalysisConfig(window, maxGap, aggregates, running, Optional.of(newEnergy), specific,
        capacityFactor, alarms);
  }

  public AnalysisConfig withSpecific(List<Specific> newSpecific) {
    return new AnalysisConfig(window, maxGap, aggregates, running, energy, newSpecific, capacityFactor, alarms);
  }

  public AnalysisConfig withCapacityFactor(CapacityFactor newCapacityFactor) {
    return new AnalysisConfig(window, maxGap, aggregates, running, energy, specific,
        Optional.of(newCapacityFactor), alarms);
  }

  public AnalysisConfig withAlarms(List<AlarmRule> newAlarms) {
    return new AnalysisConfig(window, maxGap, aggregates, running, energy, specific, capacityFactor, newAlarms);
  }

  /** Which tags get min/max/mean/last/count: none, a list, or every tag the device reports. */
  public record Aggregates(boolean all, List<String> tags) {
    public static final Aggregates NONE = new Aggregates(false, List.of());
    public static final Aggregates ALL = new Aggregates(true, List.of());

    public Aggregates {
      tags = List.copyOf(tags);
      tags.forEach(t -> Names.requireName(t, "aggregate tag"));
    }

    public static Aggregates of(String... tags) {
      return new Aggregates(false, List.of(tags));
    }

    public boolean includes(String tag) {
      return all || tags.contains(tag);
    }
  }

  /**
   * A state tag (or any tag) that says whether the equipment runs: running while the value is
   * {@code >= above}. Gives running_hours, starts and availability per window.
   */
  public record Running(String tag, double above) {
    public Running {
      Names.requireName(tag, "running tag");
      if (!Double.isFinite(above)) {
        throw new IllegalArgumentException("running threshold must be finite");
      }
    }
  }

  /** Energy from a power tag; {@code toKilowatts} converts the tag's unit (W 0.001, kW 1, MW 1000). */
  public record Energy(String powerTag, double toKilowatts) {
    public Energy {
      Names.requireName(powerTag, "power tag");
      if (!(toKilowatts > 0)) {
        throw new IllegalArgumentException("toKilowatts must be > 0");
      }
    }
  }

  /** Specific consumption, e.g. fuel per steam: mean(numerator) / mean(denominator) over the window. */
  public record Specific(String name, String numerator, String denominator) {
    public Specific {
      Names.requireName(name, "specific consumption name");
      Names.requireName(numerator, "numerator tag");
      Names.requireName(denominator, "denominator tag");
    }
  }

  /** Capacity factor: energy / (rated power × hours); {@code rated} is in the power tag's unit. */
  public record CapacityFactor(String powerTag, double rated) {
    public CapacityFactor {
      Names.requireName(powerTag, "power tag");
      if (!(rated > 0) || !Double.isFinite(rated)) {
        throw new IllegalArgumentException("rated power must be > 0, was " + rated);
      }
    }
  }
}

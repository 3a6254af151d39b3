package io.eoc.sim.backfill;

import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.model.Models;
import io.eoc.sim.model.TagSpec;
import io.eoc.sim.plant.DeviceSpec;
import io.eoc.sim.plant.PlantScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plausible history of a plant: every device's model advanced through past simulated time and
 * sampled at a fixed step, so that a long period (100 days and more) can be pushed through the real
 * pipeline with device timestamps in the past. The physics advances in sub-steps no longer than
 * the device's tick or one minute, whichever is longer, so day/night and load cycles stay as
 * realistic as in the live simulator. Deterministic: the same spec gives the same samples.
 *
 * <p>Outages are modelled as {@linkplain Spec#gaps gaps}: the equipment runs on, but nothing is
 * sampled (no data reached the cloud), which is what an assessor must see as missing.
 */
public final class History {
  private static final Duration MAX_SUB_STEP = Duration.ofMinutes(1);

  /** One sample time and the values of every device at it. */
  public record Sample(Instant at, List<Reading> readings) {
    public Sample {
      Objects.requireNonNull(at, "at");
      readings = List.copyOf(readings);
    }
  }

  /** One tag of one device at a sample time. */
  public record Reading(String device, String tag, double value) {}

  /**
   * @param from first sample time (inclusive)
   * @param to end (exclusive)
   * @param step time between samples
   * @param gaps periods [from, to) without samples
   * @param host a simulated business host to sample beside the equipment, or null for none
   */
  public record Spec(PlantScenario plant, Instant from, Instant to, Duration step, List<Gap> gaps, BusinessHost host) {
    public Spec {
      Objects.requireNonNull(plant, "plant");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(step, "step");
      gaps = List.copyOf(gaps);
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("history start " + from + " must be before its end " + to);
      }
      if (step.compareTo(Duration.ofSeconds(1)) < 0 || step.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("step must be between 1s and 1d, was " + step);
      }
    }

    /** Number of sample times, gaps included. */
    public long steps() {
      return (Duration.between(from, to).toMillis() + step.toMillis() - 1) / step.toMillis();
    }

    boolean inGap(Instant t) {
      return gaps.stream().anyMatch(g -> !t.isBefore(g.from()) && t.isBefore(g.to()));
    }
  }

  /** A period without data. */
  public record Gap(Instant from, Instant to) {
    public Gap {
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("gap start " + from + " must be before its end " + to);
      }
    }
  }

  private final Spec spec;
  private final List<DeviceSpec> devices;
  private final List<EquipmentModel> models = new ArrayList<>();

  public History(Spec spec) {
    this.spec = spec;
    this.devices = spec.plant().devices();
    for (DeviceSpec d : devices) {
      EquipmentModel model = Models.create(d.kind(), d.seed(), spec.from());
      d.setpoints().forEach(model::write);
      models.add(model);
    }
  }

  /** Calls {@code sink} with every sample in time order, gaps left out. */
  public void forEach(java.util.function.Consumer<Sample> sink) {
    Instant t = spec.from();
    while (t.isBefore(spec.to())) {
      if (!spec.inGap(t)) {
        sink.accept(sample(t));
      }
      Instant next = t.plus(spec.step());
      for (int i = 0; i < models.size(); i++) {
        advance(models.get(i), devices.get(i).tick(), spec.step());
      }
      t = next;
    }
  }

  private static void advance(EquipmentModel model, Duration tick, Duration total) {
    Duration sub = tick.compareTo(MAX_SUB_STEP) > 0 ? tick : MAX_SUB_STEP;
    Duration left = total;
    while (!left.isZero() && !left.isNegative()) {
      Duration dt = left.compareTo(sub) < 0 ? left : sub;
      model.step(dt);
      left = left.minus(dt);
    }
  }

  private Sample sample(Instant t) {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      EquipmentModel m = models.get(i);
      for (TagSpec tag : m.tags()) {
        readings.add(new Reading(devices.get(i).id(), tag.name(), m.value(tag.name())));
      }
    }
    if (spec.host() != null) {
      readings.addAll(spec.host().readings(t));
    }
    return new Sample(t, readings);
  }
}

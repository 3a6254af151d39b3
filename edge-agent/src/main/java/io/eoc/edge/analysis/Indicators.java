package io.eoc.edge.analysis;

import io.eoc.edge.analysis.AnalysisConfig.Aggregates;
import io.eoc.wire.Point;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The indicators a device's {@link AnalysisConfig} asks for (jiangsu-2023 §三(二)2: analyse at the
 * edge to relieve the cloud). Each emits derived points at the window end, tagged
 * {@code <name>:<window>}, values per window — sums over windows give totals, and an agent
 * restart loses nothing that must be persisted.
 */
final class Indicators {
  static final double SECONDS_PER_HOUR = 3600;

  /** Window statistics by name, in the order they are emitted. */
  private static final Map<String, ToDoubleFunction<TagWindow>> STATS = stats();

  private Indicators() {}

  static List<Indicator> from(AnalysisConfig config) {
    List<Indicator> out = new ArrayList<>();
    Aggregates aggregates = config.aggregates();
    if (aggregates.all() || !aggregates.tags().isEmpty()) {
      out.add(new Aggregate(aggregates));
    }
    config.running().ifPresent(r -> out.add(new RunningState(r.tag())));
    config.energy().ifPresent(e -> out.add(new Energy(e.powerTag(), e.toKilowatts())));
    config.specific().forEach(s -> out.add(new Specific(s)));
    config.capacityFactor().ifPresent(c -> out.add(new CapacityFactor(c)));
    return out;
  }

  private static Map<String, ToDoubleFunction<TagWindow>> stats() {
    Map<String, ToDoubleFunction<TagWindow>> stats = new LinkedHashMap<>();
    stats.put("min", TagWindow::min);
    stats.put("max", TagWindow::max);
    stats.put("mean", TagWindow::mean);
    stats.put("last", TagWindow::last);
    stats.put("count", TagWindow::count);
    return stats;
  }

  /** {@code <tag>:min|max|mean|last|count:<window>} for every aggregated tag known in the window. */
  record Aggregate(Aggregates aggregates) implements Indicator {
    @Override
    public Set<String> inputs() {
      return Set.copyOf(aggregates.tags());
    }

    @Override
    public void emit(Closed w, List<Point> out) {
      w.tags().keySet().stream().filter(aggregates::includes).sorted().forEach(tag -> {
        TagWindow t = w.get(tag);
        if (t != null) {
          STATS.forEach((stat, f) -> w.add(out, tag + ":" + stat, f.applyAsDouble(t)));
        }
      });
    }
  }

  /** running_hours, starts and availability (fraction of the known time running). */
  record RunningState(String tag) implements Indicator {
    @Override
    public Set<String> inputs() {
      return Set.of(tag);
    }

    @Override
    public void emit(Closed w, List<Point> out) {
      TagWindow t = w.get(tag);
      if (t == null) {
        return;
      }
      w.add(out, "running_hours", t.runningSeconds() / SECONDS_PER_HOUR);
      w.add(out, "starts", t.starts());
      if (t.coveredSeconds() > 0) {
        w.add(out, "availability", t.runningSeconds() / t.coveredSeconds());
      }
    }
  }

  /** energy_kwh: trapezoidal integral of power over the window. */
  record Energy(String powerTag, double toKilowatts) implements Indicator {
    @Override
    public Set<String> inputs() {
      return Set.of(powerTag);
    }

    @Override
    public void emit(Closed w, List<Point> out) {
      TagWindow t = w.get(powerTag);
      if (t != null && t.coveredSeconds() > 0) {
        w.add(out, "energy_kwh", t.trapezoid() * toKilowatts / SECONDS_PER_HOUR);
      }
    }
  }

  /**
   * Specific consumption: Σnumerator/Σdenominator as the ratio of the time-weighted means, so a
   * gap in one tag does not bias the ratio. No point when the denominator is 0.
   */
  record Specific(AnalysisConfig.Specific spec) implements Indicator {
    @Override
    public Set<String> inputs() {
      return Set.of(spec.numerator(), spec.denominator());
    }

    @Override
    public void emit(Closed w, List<Point> out) {
      TagWindow num = w.get(spec.numerator());
      TagWindow den = w.get(spec.denominator());
      if (num != null && den != null && den.mean() != 0) {
        w.add(out, spec.name(), num.mean() / den.mean());
      }
    }
  }

  /** capacity_factor: energy / (rated × known hours), dimensionless. */
  record CapacityFactor(AnalysisConfig.CapacityFactor spec) implements Indicator {
    @Override
    public Set<String> inputs() {
      return Set.of(spec.powerTag());
    }

    @Override
    public void emit(Closed w, List<Point> out) {
      TagWindow t = w.get(spec.powerTag());
      if (t != null && t.coveredSeconds() > 0) {
        w.add(out, "capacity_factor", t.trapezoid() / (spec.rated() * t.coveredSeconds()));
      }
    }
  }
}

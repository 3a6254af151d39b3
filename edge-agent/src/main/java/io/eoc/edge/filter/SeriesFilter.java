package io.eoc.edge.filter;

import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The chain of one series (device/tag): its steps in order, with their state. */
final class SeriesFilter {
  /** Each factory adds its step when the configuration asks for it; the order is the chain's order. */
  private static final List<Function<FilterConfig, Optional<FilterStep>>> STEPS = List.of(
      c -> Optional.of(new InvalidSteps.NotANumber()),
      c -> c.range().map(InvalidSteps.OutOfRange::new),
      c -> c.maxRate().isPresent()
          ? Optional.of(new AbnormalSteps.Spike(c.maxRate().getAsDouble())) : Optional.empty(),
      c -> c.hampel().map(AbnormalSteps.Hampel::new),
      c -> c.frozenAfter().map(AbnormalSteps.Frozen::new),
      c -> c.dropDuplicates() ? Optional.of(new RedundantSteps.Duplicate()) : Optional.empty(),
      c -> c.deadband().map(d -> new RedundantSteps.Deadband(c.deadbandWidth().orElse(0), d.maxSilence())));

  private final List<FilterStep> steps;

  SeriesFilter(FilterConfig config) {
    this.steps = STEPS.stream().flatMap(f -> f.apply(config).stream()).toList();
  }

  /**
   * The point to keep, or null. Bad-quality points say "device unreachable": they pass unchanged,
   * never reach the value steps (their value is NaN by definition), and restart the steps' memory
   * so that the first good value after the gap is always reported.
   */
  synchronized Point apply(Point point, FilterStats stats) {
    if (isBad(point.quality())) {
      steps.forEach(FilterStep::reset);
      stats.count(point.device(), point.tag(), FilterReason.BAD_QUALITY);
      return point;
    }
    Point current = point;
    for (FilterStep step : steps) {
      FilterStep.Verdict verdict = step.test(current);
      if (verdict.reason() != null) {
        stats.count(point.device(), point.tag(), verdict.reason());
      }
      if (verdict.dropped()) {
        return null;
      }
      current = verdict.point();
    }
    return current;
  }

  static boolean isBad(Quality quality) {
    return quality != Quality.GOOD && quality != Quality.UNCERTAIN;
  }
}

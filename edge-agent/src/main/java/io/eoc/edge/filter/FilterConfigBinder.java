package io.eoc.edge.filter;

import io.eoc.config.ConfigNode;
import io.eoc.edge.filter.FilterConfig.Deadband;
import io.eoc.edge.filter.FilterConfig.Hampel;
import io.eoc.edge.filter.FilterConfig.Range;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

/**
 * Binds the optional {@code filter:} mapping of a register. Every problem is recorded with the
 * {@link ConfigNode} (file, line, what is allowed); the result is always a valid record, so that
 * binding goes on and the caller's {@code ConfigReader.finish()} reports everything at once.
 */
public final class FilterConfigBinder {
  private static final String[] KEYS = {"kind", "range", "max-rate", "hampel", "frozen-after",
      "drop-duplicates", "deadband", "deadband-percent", "max-silence"};
  private static final List<String> ANALOG_ONLY = List.of("max-rate", "hampel", "frozen-after",
      "deadband", "deadband-percent");
  private static final Map<String, SignalKind> KINDS = kinds();
  private static final Duration MIN_DURATION = Duration.ofSeconds(1);

  private FilterConfigBinder() {}

  /** The register's filter configuration; the defaults of its kind when it has no {@code filter:}. */
  public static FilterConfig bind(ConfigNode register) {
    if (!register.has("filter")) {
      return FilterConfig.ANALOG;
    }
    ConfigNode f = register.get("filter").requireMapping();
    f.allowOnly(KEYS);
    SignalKind kind = f.has("kind") ? orDefault(f.choice("kind", KINDS)) : SignalKind.ANALOG;
    if (kind == SignalKind.STATE) {
      ANALOG_ONLY.stream().filter(f::has).forEach(k -> f.get(k).problem("not used for kind state "
          + "(a state is filtered by duplicate and change detection only); allowed for state: "
          + "kind, range, drop-duplicates, max-silence"));
    }
    Optional<Range> range = range(f);
    OptionalDouble maxRate = f.has("max-rate") ? positive(f.get("max-rate")) : OptionalDouble.empty();
    Optional<Hampel> hampel = f.has("hampel") ? hampel(f.get("hampel")) : Optional.empty();
    Optional<Duration> frozen = f.has("frozen-after")
        ? Optional.of(f.duration("frozen-after", MIN_DURATION, MIN_DURATION)) : Optional.empty();
    Optional<Deadband> deadband = deadband(f, kind, range.isPresent());
    return new FilterConfig(kind, range, maxRate, hampel, frozen, f.bool("drop-duplicates", true), deadband);
  }

  private static SignalKind orDefault(SignalKind kind) {
    return kind == null ? SignalKind.ANALOG : kind;
  }

  private static Optional<Range> range(ConfigNode f) {
    if (!f.has("range")) {
      return Optional.empty();
    }
    List<ConfigNode> items = f.list("range");
    if (items.size() != 2) {
      if (!items.isEmpty()) {
        f.get("range").problem("expected [min, max], two numbers; found " + items.size() + " item(s)");
      }
      return Optional.empty();
    }
    OptionalDouble lo = number(items.get(0), "a number", v -> true);
    OptionalDouble hi = number(items.get(1), "a number", v -> true);
    if (lo.isEmpty() || hi.isEmpty()) {
      return Optional.empty();
    }
    double min = lo.getAsDouble();
    double max = hi.getAsDouble();
    if (min > max) {
      f.get("range").problem("min " + min + " is greater than max " + max + "; expected [min, max]");
      return Optional.empty();
    }
    return Optional.of(new Range(min, max));
  }

  private static Optional<Hampel> hampel(ConfigNode h) {
    h.requireMapping().allowOnly("window", "threshold");
    int window = h.integer("window", 7, 3, 1001);
    OptionalDouble threshold = h.has("threshold") ? positive(h.get("threshold")) : OptionalDouble.empty();
    return Optional.of(new Hampel(window, threshold.orElse(3)));
  }

  private static Optional<Deadband> deadband(ConfigNode f, SignalKind kind, boolean hasRange) {
    Duration maxSilence = f.duration("max-silence", FilterConfig.DEFAULT_MAX_SILENCE, MIN_DURATION);
    if (kind == SignalKind.STATE) {
      return Optional.of(new Deadband(0, 0, maxSilence));
    }
    if (!f.has("deadband") && !f.has("deadband-percent")) {
      if (f.has("max-silence")) {
        f.get("max-silence").problem("the heartbeat needs a deadband: set deadband or deadband-percent");
      }
      return Optional.empty();
    }
    double absolute = f.has("deadband") ? nonNegative(f.get("deadband")) : 0;
    double percent = 0;
    if (f.has("deadband-percent")) {
      percent = nonNegative(f.get("deadband-percent"));
      if (percent > 100) {
        f.get("deadband-percent").problem("value " + percent + " is out of range; allowed: 0 to 100");
        percent = 0;
      } else if (!hasRange) {
        f.get("deadband-percent").problem("a percent deadband is a percent of the range span "
            + "(OPC UA Part 8 PercentDeadband): set range: [min, max]");
        percent = 0;
      }
    }
    return Optional.of(new Deadband(absolute, percent, maxSilence));
  }

  private static OptionalDouble positive(ConfigNode n) {
    return number(n, "a number greater than 0", v -> v > 0);
  }

  private static double nonNegative(ConfigNode n) {
    return number(n, "a number 0 or greater", v -> v >= 0).orElse(0);
  }

  /** Parses the scalar itself, so that one mistake is one problem naming the rule. */
  private static OptionalDouble number(ConfigNode n, String rule, DoublePredicate allowed) {
    return n.asDouble(rule, allowed);
  }

  private static Map<String, SignalKind> kinds() {
    Map<String, SignalKind> kinds = new LinkedHashMap<>();
    kinds.put("analog", SignalKind.ANALOG);
    kinds.put("state", SignalKind.STATE);
    return kinds;
  }
}

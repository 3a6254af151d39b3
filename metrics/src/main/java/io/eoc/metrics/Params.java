package io.eoc.metrics;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An indicator's parameters as written in a rulebook. Every getter names the kind and the key in
 * its message; {@link #requireAllUsed} turns a misspelt key into an error instead of a silent default.
 */
final class Params {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(h|d)");
  private static final Pattern HOURS = Pattern.compile("(\\d{1,2})-(\\d{1,2})");

  private final String kind;
  private final Map<String, String> values;
  private final Set<String> asked = new LinkedHashSet<>();

  Params(String kind, Map<String, String> values) {
    this.kind = kind;
    this.values = values;
  }

  String string(String key) {
    String v = raw(key);
    if (v == null || v.isBlank()) {
      throw fail("needs parameter '" + key + "'");
    }
    return v.trim();
  }

  /** Null when absent. */
  String optional(String key) {
    String v = raw(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

  String choice(String key, Collection<String> allowed) {
    String v = string(key);
    if (!allowed.contains(v)) {
      throw fail("parameter '" + key + "' must be one of " + String.join(", ", allowed) + ", was '" + v + "'");
    }
    return v;
  }

  long longValue(String key, long defaultValue, long min) {
    String v = raw(key);
    try {
      long n = v == null ? defaultValue : Long.parseLong(v.trim());
      if (n < min) {
        throw fail("parameter '" + key + "' must be >= " + min + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw fail("parameter '" + key + "' must be an integer, was '" + v + "'");
    }
  }

  double number(String key, double defaultValue) {
    String v = raw(key);
    try {
      double n = v == null ? defaultValue : Double.parseDouble(v.trim());
      if (!Double.isFinite(n) || n < 0) {
        throw fail("parameter '" + key + "' must be a number >= 0, was '" + v + "'");
      }
      return n;
    } catch (NumberFormatException e) {
      throw fail("parameter '" + key + "' must be a number, was '" + v + "'");
    }
  }

  /** {@code 12h} or {@code 7d}. */
  Duration duration(String key, Duration defaultValue) {
    String v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(v.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw fail("parameter '" + key + "' must be a duration such as 12h or 7d, was '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n);
  }

  ZoneId zone(String key, String defaultValue) {
    String v = raw(key);
    try {
      return ZoneId.of(v == null ? defaultValue : v.trim());
    } catch (RuntimeException e) {
      throw fail("parameter '" + key + "' must be a time zone such as Asia/Shanghai, was '" + v + "'");
    }
  }

  /** A comma list, in the order written, without blanks or repeats. */
  List<String> list(String key) {
    List<String> items = Arrays.stream(string(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    if (items.isEmpty()) {
      throw fail("parameter '" + key + "' must list at least one item");
    }
    return items;
  }

  /** Local hours {@code [from, to)} written {@code 08-18}; {@code 00-24} is the whole day. */
  int[] hours(String key, int[] defaultValue) {
    String v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    Matcher m = HOURS.matcher(v.trim());
    if (m.matches()) {
      int from = Integer.parseInt(m.group(1));
      int to = Integer.parseInt(m.group(2));
      if (from < to && to <= 24) {
        return new int[] {from, to};
      }
    }
    throw fail("parameter '" + key + "' must be local hours such as 08-18 (from before to, up to 24), was '" + v + "'");
  }

  /** Rejects keys no getter asked for: a misspelt parameter must not fall back to a default silently. */
  void requireAllUsed() {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(asked);
    if (!unknown.isEmpty()) {
      throw fail("unknown parameter(s) " + String.join(", ", unknown) + "; allowed: " + String.join(", ", asked));
    }
  }

  private String raw(String key) {
    asked.add(key);
    return values.get(key);
  }

  private IllegalArgumentException fail(String what) {
    return new IllegalArgumentException(String.format(Locale.ROOT, "indicator '%s' %s", kind, what));
  }
}

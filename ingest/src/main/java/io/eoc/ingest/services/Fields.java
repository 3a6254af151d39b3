package io.eoc.ingest.services;

import io.eoc.wire.Names;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the fields of one parsed JSON object, collecting every problem with its field name instead
 * of stopping at the first (as {@link LedgerUpdate} does); {@link #check} then throws them together.
 */
final class Fields {
  static final int MAX_TEXT = 500;
  private final Map<String, Object> json;
  private final String prefix;
  private final List<String> errors;

  /** @param prefix put before each field name, e.g. {@code items[2].} for an element of a list */
  Fields(Map<String, Object> json, Set<String> known, String prefix, List<String> errors) {
    this.json = json;
    this.prefix = prefix;
    this.errors = errors;
    new TreeSet<>(json.keySet()).stream().filter(k -> !known.contains(k)).forEach(k ->
        errors.add("unknown field '" + prefix + k + "' (fields: " + String.join(", ", new TreeSet<>(known)) + ")"));
  }

  Fields(Map<String, Object> json, Set<String> known) {
    this(json, known, "", new ArrayList<>());
  }

  List<String> errors() {
    return errors;
  }

  void error(String message) {
    errors.add(message);
  }

  /** Throws every problem found so far as one 400, e.g. {@code invalid work order: field 'title' is required}. */
  void check(String what) {
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid " + what + ": " + String.join("; ", errors));
    }
  }

  Optional<String> text(String field, boolean required) {
    Object v = json.get(field);
    if (v == null || v instanceof String s && s.isBlank()) {
      if (required) {
        errors.add("field '" + prefix + field + "' is required (a non-empty string)");
      }
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      errors.add("field '" + prefix + field + "' must be a string, was " + v);
      return Optional.empty();
    }
    if (s.length() > MAX_TEXT) {
      errors.add("field '" + prefix + field + "' must have at most " + MAX_TEXT + " characters, has " + s.length());
    } else if (s.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
      errors.add("field '" + prefix + field + "' must not contain control characters");
    }
    return Optional.of(s.strip());
  }

  /** An agent, device or tag name as the agents use them ({@link Names#rule()}). */
  Optional<String> name(String field, boolean required) {
    Optional<String> v = text(field, required);
    if (v.isPresent() && !Names.isValid(v.get())) {
      errors.add("field '" + prefix + field + "': '" + v.get() + "' is not a valid name; allowed: " + Names.rule());
      return Optional.empty();
    }
    return v;
  }

  /** One of {@code allowed}, e.g. a state or a result. */
  Optional<String> choice(String field, boolean required, List<String> allowed) {
    Optional<String> v = text(field, required);
    if (v.isPresent() && !allowed.contains(v.get())) {
      errors.add("field '" + prefix + field + "' must be one of " + String.join(", ", allowed) + ", was '" + v.get() + "'");
      return Optional.empty();
    }
    return v;
  }

  Optional<Double> number(String field, boolean required, double min, double max) {
    Object v = json.get(field);
    if (v == null) {
      if (required) {
        errors.add("field '" + prefix + field + "' is required (a number)");
      }
      return Optional.empty();
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      errors.add("field '" + prefix + field + "' must be a finite number, was " + quoted(v));
      return Optional.empty();
    }
    if (n.doubleValue() < min || n.doubleValue() > max) {
      errors.add("field '" + prefix + field + "' must be from " + min + " to " + max + ", was " + v);
      return Optional.empty();
    }
    return Optional.of(n.doubleValue());
  }

  Optional<Long> whole(String field, boolean required, long min, long max) {
    Object v = json.get(field);
    if (v == null) {
      if (required) {
        errors.add("field '" + prefix + field + "' is required (a whole number from " + min + " to " + max + ")");
      }
      return Optional.empty();
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min || ((Number) v).longValue() > max) {
      errors.add("field '" + prefix + field + "' must be a whole number from " + min + " to " + max + ", was " + quoted(v));
      return Optional.empty();
    }
    return Optional.of(((Number) v).longValue());
  }

  Optional<Instant> instant(String field, boolean required) {
    Optional<String> v = text(field, required);
    try {
      return v.map(Instant::parse);
    } catch (DateTimeParseException e) {
      errors.add("field '" + prefix + field + "' must be an ISO-8601 UTC instant such as 2026-03-02T10:00:00Z, was '" + v.get() + "'");
      return Optional.empty();
    }
  }

  /** An ISO-8601 duration such as {@code PT10M}, from {@code min} to {@code max}. */
  Optional<Duration> duration(String field, boolean required, Duration min, Duration max) {
    Optional<String> v = text(field, required);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Duration d;
    try {
      d = Duration.parse(v.get());
    } catch (DateTimeParseException e) {
      errors.add("field '" + prefix + field + "' must be an ISO-8601 duration such as PT10M, was '" + v.get() + "'");
      return Optional.empty();
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      errors.add("field '" + prefix + field + "' must be from " + min + " to " + max + ", was " + d);
      return Optional.empty();
    }
    return Optional.of(d);
  }

  /** true or false. */
  Optional<Boolean> bool(String field) {
    Object v = json.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Boolean b)) {
      errors.add("field '" + prefix + field + "' must be true or false, was " + quoted(v));
      return Optional.empty();
    }
    return Optional.of(b);
  }

  /** A list of JSON objects, each read by the caller with a prefix {@code field[i].}. */
  List<Map<String, Object>> objects(String field, boolean required, int max) {
    Object v = json.get(field);
    if (v == null) {
      if (required) {
        errors.add("field '" + prefix + field + "' is required (a list of 1 to " + max + " objects)");
      }
      return List.of();
    }
    if (!(v instanceof List<?> list) || !list.stream().allMatch(x -> x instanceof Map<?, ?>) || list.size() > max
        || required && list.isEmpty()) {
      errors.add("field '" + prefix + field + "' must be a list of " + (required ? 1 : 0) + " to " + max + " objects");
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> out = (List<Map<String, Object>>) v;
    return out;
  }

  /** A nested JSON object, read by the caller with a prefix {@code field.}. */
  Optional<Map<String, Object>> object(String field) {
    Object v = json.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Map<?, ?>)) {
      errors.add("field '" + prefix + field + "' must be an object");
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) v;
    return Optional.of(out);
  }

  String prefix() {
    return prefix;
  }

  /** A list of non-empty strings. */
  List<String> texts(String field, int max) {
    Object v = json.get(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list) || list.size() > max
        || !list.stream().allMatch(x -> x instanceof String s && !s.isBlank() && s.length() <= MAX_TEXT)) {
      errors.add("field '" + prefix + field + "' must be a list of at most " + max + " non-empty strings of at most "
          + MAX_TEXT + " characters");
      return List.of();
    }
    return list.stream().map(x -> ((String) x).strip()).toList();
  }

  private static String quoted(Object v) {
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
  }
}

package io.eoc.criteria.report;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads of a parsed JSON object, failing with where and what: a malformed line is named, not guessed at. */
final class Fields {
  private final String where;
  private final Map<String, Object> map;

  Fields(String where, Map<String, Object> map) {
    this.where = where;
    this.map = map;
  }

  private Object require(String name) {
    if (!map.containsKey(name)) {
      throw problem(name, "is missing");
    }
    return map.get(name);
  }

  String string(String name) {
    if (require(name) instanceof String s) {
      return s;
    }
    throw problem(name, "must be a string");
  }

  Optional<String> optionalString(String name) {
    return require(name) == null ? Optional.empty() : Optional.of(string(name));
  }

  long integer(String name) {
    Object v = require(name);
    if (v instanceof Long || v instanceof Integer || v instanceof BigInteger && ((BigInteger) v).bitLength() < 64) {
      return ((Number) v).longValue();
    }
    throw problem(name, "must be an integer");
  }

  OptionalLong optionalLong(String name) {
    return require(name) == null ? OptionalLong.empty() : OptionalLong.of(integer(name));
  }

  double number(String name) {
    Object v = require(name);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
      return Double.parseDouble(s);
    }
    throw problem(name, "must be a number");
  }

  OptionalDouble optionalDouble(String name) {
    return require(name) == null ? OptionalDouble.empty() : OptionalDouble.of(number(name));
  }

  boolean bool(String name) {
    if (require(name) instanceof Boolean b) {
      return b;
    }
    throw problem(name, "must be true or false");
  }

  Instant instant(String name) {
    try {
      return Instant.parse(string(name));
    } catch (DateTimeParseException e) {
      throw problem(name, "must be an ISO-8601 instant");
    }
  }

  Optional<Instant> optionalInstant(String name) {
    return require(name) == null ? Optional.empty() : Optional.of(instant(name));
  }

  LocalDate date(String name) {
    try {
      return LocalDate.parse(string(name));
    } catch (DateTimeParseException e) {
      throw problem(name, "must be an ISO-8601 date");
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> object(String name) {
    if (require(name) instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw problem(name, "must be an object");
  }

  @SuppressWarnings("unchecked")
  List<Object> list(String name) {
    if (require(name) instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw problem(name, "must be a list");
  }

  void requireOnly(String... names) {
    Set<String> extra = new TreeSet<>(map.keySet());
    extra.removeAll(Set.of(names));
    if (!extra.isEmpty()) {
      throw new IllegalArgumentException(where + ": unexpected field(s) " + extra);
    }
  }

  private IllegalArgumentException problem(String name, String what) {
    return new IllegalArgumentException(where + ": field '" + name + "' " + what
        + (map.containsKey(name) ? ", was " + CanonicalJson.write(CanonicalJson.normalise(map.get(name))) : ""));
  }
}

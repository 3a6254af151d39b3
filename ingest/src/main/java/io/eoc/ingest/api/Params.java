package io.eoc.ingest.api;

import io.eoc.wire.Names;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Query and path parameters of the device-management routes, each refused with a message naming it. */
final class Params {
  private Params() {}

  static Optional<String> name(ApiRequest req, String param) {
    Optional<String> v = req.param(param);
    v.filter(a -> !Names.isValid(a)).ifPresent(a -> {
      throw new IllegalArgumentException("parameter '" + param + "': '" + a + "' is not a valid name; allowed: " + Names.rule());
    });
    return v;
  }

  static Optional<Long> id(ApiRequest req, String param) {
    return req.param(param).map(v -> id(param, v));
  }

  /** A positive whole number such as a plan or work-order id. */
  static long id(String what, String value) {
    try {
      long n = Long.parseLong(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + what + "' must be a positive whole number, not '" + value + "'");
  }

  static int limit(ApiRequest req, int def, int max) {
    Optional<String> v = req.param("limit");
    if (v.isEmpty()) {
      return def;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("parameter 'limit' must be a whole number from 1 to " + max + ", not '" + v.get() + "'");
  }

  /** An ISO-8601 duration such as {@code PT5M}. */
  static Optional<Duration> duration(ApiRequest req, String param) {
    Optional<String> v = req.param(param);
    try {
      return v.map(Duration::parse);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("parameter '" + param + "' must be an ISO-8601 duration such as PT5M, was '" + v.get() + "'");
    }
  }

  static String text(Optional<?> v) {
    return v.map(String::valueOf).orElse("-");
  }
}

package io.eoc.ingest.services;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/** A half-open range [from, to) of instants, parsed from query parameters with errors that say what is wrong. */
public record TimeRange(Instant from, Instant to) {
  public TimeRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
    }
  }

  /** {@code to} defaults to now, {@code from} to {@code to - defaultSpan}. */
  public static TimeRange parse(Optional<String> from, Optional<String> to, Duration defaultSpan, Clock clock) {
    Instant end = to.map(t -> instant("to", t)).orElseGet(clock::instant);
    Instant start = from.map(f -> instant("from", f)).orElse(end.minus(defaultSpan));
    return new TimeRange(start, end);
  }

  public Duration length() {
    return Duration.between(from, to);
  }

  public static Instant instant(String name, String text) {
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 UTC instant such as 2024-05-01T00:00:00Z, was '"
          + text + "'");
    }
  }
}

package io.eoc.ingest.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamp text for COPY: microsecond precision in UTC, as PostgreSQL stores it. */
final class Timestamps {
  private static final DateTimeFormatter COPY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
      .withZone(ZoneOffset.UTC);

  private Timestamps() {}

  static String copyText(Instant t) {
    return COPY.format(t);
  }
}

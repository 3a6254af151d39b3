package io.eoc.edge.host;

import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.time.Instant;
import java.util.Objects;

/** One tag's outcome before it becomes a {@link Point}: a value, or a bad quality and why. */
record Reading(double value, Quality quality, String reason) {
  Reading {
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(reason, "reason");
  }

  static Reading good(double value) {
    return new Reading(value, Quality.GOOD, "");
  }

  static Reading bad(Quality quality, String reason) {
    return new Reading(Double.NaN, quality, reason);
  }

  Point toPoint(String device, String tag, Instant at) {
    return quality.isGood() ? Point.good(device, tag, at, value) : Point.bad(device, tag, at, quality);
  }
}

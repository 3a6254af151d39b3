package io.eoc.wire.host;

import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.time.Instant;
import java.util.Objects;

/** One tag's outcome before it becomes a {@link Point}: a value, or a bad quality and why. */
public record Reading(double value, Quality quality, String reason) {
  public Reading {
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(reason, "reason");
  }

  public static Reading good(double value) {
    return new Reading(value, Quality.GOOD, "");
  }

  public static Reading bad(Quality quality, String reason) {
    return new Reading(Double.NaN, quality, reason);
  }

  /** This reading as a point of {@code device}'s {@code tag} at {@code at}: the value when good, else the quality alone. */
  public Point toPoint(String device, String tag, Instant at) {
    return quality.isGood() ? Point.good(device, tag, at, value) : Point.bad(device, tag, at, quality);
  }
}

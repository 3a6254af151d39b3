package io.eoc.sim;

import io.eoc.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses positive durations written as "100ms", "1s", "2m", "1h" or ISO-8601 ("PT0.5S"); see {@link Durations}. */
public final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    Duration duration;
    try {
      duration = Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new TypeConversionException("'" + value + "' must be a positive duration");
    }
    return duration;
  }
}

package io.eoc.ingest;

import io.eoc.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations written as ISO-8601 (PT5S, PT0.5S, PT5M), as {@code --session-ttl} takes them, or in the
 * short form of the agent's YAML (500ms, 5s, 5m, 1h); see {@link Durations}. Whether the duration is
 * allowed (sign, range) is the configuration's to judge.
 */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}

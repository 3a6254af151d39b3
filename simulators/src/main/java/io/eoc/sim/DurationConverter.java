package io.eoc.sim;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses positive durations written as "100ms", "1s", "2m", "1h" or ISO-8601 ("PT0.5S"). */
public final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|min|h)");
  private static final Map<String, ChronoUnit> UNITS = Map.of(
      "ns", ChronoUnit.NANOS, "us", ChronoUnit.MICROS, "ms", ChronoUnit.MILLIS,
      "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "min", ChronoUnit.MINUTES,
      "h", ChronoUnit.HOURS);

  @Override
  public Duration convert(String value) {
    Duration duration = parse(value.trim());
    if (duration.isZero() || duration.isNegative()) {
      throw new TypeConversionException("'" + value + "' must be a positive duration");
    }
    return duration;
  }

  private static Duration parse(String text) {
    Matcher m = SHORT_FORM.matcher(text.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      try {
        return Duration.of(Long.parseLong(m.group(1)), UNITS.get(m.group(2)));
      } catch (NumberFormatException | ArithmeticException e) {
        throw new TypeConversionException("'" + text + "' is too large a duration");
      }
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + text + "' is not a duration; write e.g. 100ms, 1s, 2m, 1h or PT0.5S");
    }
  }
}

package io.eoc.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations typed on a command line: the short form of the YAML files (100ms, 5s, 2m, 1h, also ns,
 * us and min) or ISO-8601 (PT5S, PT0.5S). Whether a duration is allowed (sign, range) is for the
 * caller to judge.
 */
public final class Durations {
  private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|min|h)");
  private static final Map<String, ChronoUnit> UNITS = Map.of(
      "ns", ChronoUnit.NANOS, "us", ChronoUnit.MICROS, "ms", ChronoUnit.MILLIS,
      "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "min", ChronoUnit.MINUTES,
      "h", ChronoUnit.HOURS);

  private Durations() {}

  /** @throws IllegalArgumentException naming the text and the forms accepted */
  public static Duration parse(String value) {
    String text = value.trim();
    Matcher m = SHORT_FORM.matcher(text.toLowerCase(Locale.ROOT));
    try {
      return m.matches() ? Duration.of(Long.parseLong(m.group(1)), UNITS.get(m.group(2))) : Duration.parse(text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + value + "' is too large a duration");
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + value + "' is not a duration; write e.g. 500ms, 5s, 5m, 1h or ISO-8601 "
          + "(PT5S, PT0.5S)");
    }
  }
}

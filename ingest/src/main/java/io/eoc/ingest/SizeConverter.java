package io.eoc.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Sizes in bytes written as a whole number of bytes (1048576) or of binary units (512KiB, 20MiB,
 * 1GiB; case does not matter). KB and MB are refused rather than guessed: they mean 1000 or 1024
 * depending on who writes them. Whether the size is allowed is the configuration's to judge.
 */
final class SizeConverter implements ITypeConverter<Long> {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kib|mib|gib)?", Pattern.CASE_INSENSITIVE);
  private static final Map<String, Long> UNITS = Map.of("b", 1L, "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30);

  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value.trim());
    if (!m.matches()) {
      throw new TypeConversionException("'" + value
          + "' is not a size; write a whole number of bytes (1048576) or of KiB, MiB, GiB (512KiB, 20MiB)");
    }
    try {
      long unit = m.group(2) == null ? 1 : UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new TypeConversionException("'" + value + "' is too large a size");
    }
  }
}

package io.eoc.criteria.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Canonical JSON, after RFC 8785 (JCS) in what matters here: object members sorted by their names'
 * UTF-16 code units, no insignificant whitespace, strings escaped minimally (only {@code "}, {@code \}
 * and control characters), UTF-8. Numbers: integral values within ±2^53 as integers, other finite
 * doubles as Java's {@link Double#toString} with a lower-case exponent; both round-trip to the same
 * double, so a parsed tree re-encodes to the same bytes. Non-finite doubles become the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (JSON has no such numbers).
 *
 * <p>The same bytes are what a signature covers and what a digest is taken over, so everything that is
 * signed or digested is written through here and nothing else.
 */
public final class CanonicalJson {
  private static final ObjectMapper PARSER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final double EXACT_INTEGERS = 9007199254740992d; // 2^53

  private CanonicalJson() {}

  /** The canonical text of a tree of maps, lists, strings, numbers, booleans and nulls. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  public static byte[] bytes(Object value) {
    return write(value).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses JSON text into maps (sorted), lists, strings, {@link Long}/{@link BigInteger}, {@link Double},
   * booleans and nulls. Duplicate member names are refused: two readers could otherwise see two documents.
   */
  public static Object parse(String text) {
    try {
      return normalise(PARSER.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** {@link #parse} for text that must be an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return (Map<String, Object>) v;
  }

  /** The value as it reads back from its canonical text: what a verifier sees. */
  public static Object normalise(Object value) {
    if (value instanceof Map<?, ?> m) {
      TreeMap<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), normalise(v)));
      return out;
    }
    if (value instanceof Collection<?> c) {
      return c.stream().map(CanonicalJson::normalise).toList();
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      String n = number(((Number) value).doubleValue());
      return n.startsWith("\"") ? n.substring(1, n.length() - 1)
          : n.contains(".") || n.contains("e") ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n);
    }
    return value;
  }

  private static void write(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof Map<?, ?> m) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      m.forEach((k, v) -> {
        if (!(k instanceof String)) {
          throw new IllegalArgumentException("JSON member names must be strings, was " + k);
        }
        sorted.put((String) k, v);
      });
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        sb.append(first ? "" : ",");
        first = false;
        string(sb, e.getKey());
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof Collection<?> c) {
      sb.append('[');
      boolean first = true;
      for (Object o : c) {
        sb.append(first ? "" : ",");
        first = false;
        write(sb, o);
      }
      sb.append(']');
    } else {
      scalar(sb, value);
    }
  }

  private static void scalar(StringBuilder sb, Object value) {
    if (value instanceof String s) {
      string(sb, s);
    } else if (value instanceof Boolean b) {
      sb.append(b);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger) {
      sb.append(value);
    } else if (value instanceof Number n) {
      sb.append(number(n.doubleValue()));
    } else if (value instanceof Enum<?> e) {
      string(sb, e.name());
    } else if (value instanceof Instant || value instanceof LocalDate || value instanceof Duration
        || value instanceof Character) {
      string(sb, value.toString());
    } else if (value instanceof Optional<?> o) {
      write(sb, o.orElse(null));
    } else if (value instanceof OptionalDouble o) {
      write(sb, o.isPresent() ? (Object) o.getAsDouble() : null);
    } else if (value instanceof OptionalLong o) {
      write(sb, o.isPresent() ? (Object) o.getAsLong() : null);
    } else {
      throw new IllegalArgumentException("no canonical JSON for a " + value.getClass().getName() + ": " + value);
    }
  }

  /** A double's canonical text; a string for the values JSON cannot hold. */
  static String number(double d) {
    if (Double.isNaN(d)) {
      return "\"NaN\"";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    }
    if (d == 0 && 1 / d < 0) {
      return "-0.0";
    }
    if (d == Math.rint(d) && Math.abs(d) <= EXACT_INTEGERS) {
      return Long.toString((long) d);
    }
    return Double.toString(d).replace('E', 'e');
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}

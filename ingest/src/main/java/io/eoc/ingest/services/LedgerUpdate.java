package io.eoc.ingest.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator enters in the ledger for one device (PUT semantics: an absent field is cleared).
 *
 * @param purchaseValue10kCny purchase price actually paid, in 10k CNY (jiangsu-2023 §四 table note 2)
 */
public record LedgerUpdate(Optional<String> model, Optional<String> vendor, Optional<String> spec,
    Optional<Double> purchaseValue10kCny) {
  public static final int MAX_TEXT = 500;
  /** 10 billion CNY: a larger figure is taken for a unit mistake (CNY entered instead of 10k CNY). */
  public static final double MAX_VALUE_10K_CNY = 1_000_000;
  private static final Set<String> FIELDS = Set.of("model", "vendor", "spec", "purchaseValue10kCny");

  /** Validates a parsed JSON object, reporting every problem together. */
  public static LedgerUpdate of(Map<String, Object> json) {
    List<String> errors = new ArrayList<>();
    json.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted().forEach(k ->
        errors.add("unknown field '" + k + "' (fields: model, vendor, spec, purchaseValue10kCny)"));
    LedgerUpdate u = new LedgerUpdate(text(json, "model", errors), text(json, "vendor", errors), text(json, "spec", errors),
        value(json, errors));
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid ledger entry: " + String.join("; ", errors));
    }
    return u;
  }

  private static Optional<String> text(Map<String, Object> json, String field, List<String> errors) {
    Object v = json.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      errors.add(field + " must be a string");
      return Optional.empty();
    }
    if (s.length() > MAX_TEXT) {
      errors.add(field + " must have at most " + MAX_TEXT + " characters, has " + s.length());
    } else if (s.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
      errors.add(field + " must not contain control characters");
    }
    return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }

  private static Optional<Double> value(Map<String, Object> json, List<String> errors) {
    Object v = json.get("purchaseValue10kCny");
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof Number n)) {
      errors.add("purchaseValue10kCny must be a number in 10k CNY (万元), was \"" + v + "\"");
      return Optional.empty();
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d) || d < 0) {
      errors.add("purchaseValue10kCny must be >= 0 (10k CNY), was " + v);
    } else if (d > MAX_VALUE_10K_CNY) {
      errors.add("purchaseValue10kCny is in 10k CNY (万元): " + v + " would be " + (d / 10_000) + " billion CNY; "
          + "at most " + (long) MAX_VALUE_10K_CNY + " is accepted");
    }
    return Optional.of(d);
  }
}

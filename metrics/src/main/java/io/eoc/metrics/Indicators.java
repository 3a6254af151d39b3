package io.eoc.metrics;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The catalogue of indicator kinds a rulebook may name, each built from the rule's parameters.
 * Parameters are validated here, so a rulebook with a wrong parameter fails when it is loaded.
 */
public final class Indicators {
  private static final Map<String, Function<Params, Indicator>> KINDS = Map.of(
      "equipment-access", p -> new EquipmentAccess(p.string("category"), p.longValue("min-good-points", 1)));

  private Indicators() {}

  public static Set<String> kinds() {
    return KINDS.keySet();
  }

  /** Builds an indicator; throws {@link IllegalArgumentException} naming what is wrong. */
  public static Indicator create(String kind, Map<String, String> params) {
    Function<Params, Indicator> factory = KINDS.get(kind);
    if (factory == null) {
      throw new IllegalArgumentException("unknown indicator '" + kind + "'; known: " + String.join(", ", kinds()));
    }
    return factory.apply(new Params(kind, params));
  }

  private record Params(String kind, Map<String, String> values) {
    String string(String key) {
      String v = values.get(key);
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException("indicator '" + kind + "' needs parameter '" + key + "'");
      }
      return v;
    }

    long longValue(String key, long defaultValue) {
      String v = values.get(key);
      try {
        return v == null ? defaultValue : Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("indicator '" + kind + "' parameter '" + key + "' must be an integer, was '" + v + "'");
      }
    }
  }
}

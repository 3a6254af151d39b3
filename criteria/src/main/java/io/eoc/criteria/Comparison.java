package io.eoc.criteria;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;

/** How a measured value is compared with a rule's threshold. */
public enum Comparison {
  AT_LEAST(">=", (v, t) -> v >= t),
  MORE_THAN(">", (v, t) -> v > t),
  AT_MOST("<=", (v, t) -> v <= t),
  LESS_THAN("<", (v, t) -> v < t);

  private final String symbol;
  private final BiPredicate<Double, Double> test;

  Comparison(String symbol, BiPredicate<Double, Double> test) {
    this.symbol = symbol;
    this.test = test;
  }

  public String symbol() {
    return symbol;
  }

  public boolean holds(double value, double threshold) {
    return test.test(value, threshold);
  }

  public static Map<String, Comparison> bySymbol() {
    Map<String, Comparison> map = new LinkedHashMap<>();
    for (Comparison c : values()) {
      map.put(c.symbol, c);
    }
    return map;
  }
}

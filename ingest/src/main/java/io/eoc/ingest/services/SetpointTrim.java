package io.eoc.ingest.services;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The decision of a set-point trim strategy, from what is stored, without side effects: the
 * statistic of the measured tag above the band lowers the set point by one step, below it raises
 * it by one step, inside it holds; the proposal is clamped to the strategy's set-point limits, and a
 * proposal that does not move the set point is a hold. No measured point, or no stored set point,
 * is {@code no-data}. Steps are taken in decimal (0.75 − 0.01 is 0.74, not 0.7399999999999999).
 */
public final class SetpointTrim {
  private SetpointTrim() {}

  /** What was measured over the window: how many good points, and their statistic (empty without points). */
  public record Measured(int points, Optional<Double> value) {}

  /** @param proposed the set point asked for (on a lower/raise), or the one kept (on a hold) */
  public record Decision(String action, Optional<Double> value, int points, Optional<Double> current, Optional<Double> proposed,
      String reason) {
    public boolean moves() {
      return action.equals("lower") || action.equals("raise");
    }
  }

  public static Decision decide(OptimisationSpec s, Measured measured, Optional<Double> current) {
    String statistic = s.statistic() + " of '" + s.measureTag() + "' over " + s.window();
    if (measured.points() == 0 || measured.value().isEmpty()) {
      return new Decision("no-data", Optional.empty(), 0, current, Optional.empty(), "no good point of '" + s.measureTag()
          + "' is stored for the last " + s.window() + "; nothing to decide on");
    }
    double v = measured.value().get();
    String seen = statistic + " is " + shown(v) + " (" + measured.points() + " point(s))";
    if (current.isEmpty()) {
      return new Decision("no-data", measured.value(), measured.points(), current, Optional.empty(), seen
          + ", but no good value of the set point '" + s.setpointTag() + "' is stored; nothing to trim from");
    }
    double now = current.get();
    String band = "[" + s.bandLow() + ", " + s.bandHigh() + "]";
    if (v >= s.bandLow() && v <= s.bandHigh()) {
      return new Decision("hold", measured.value(), measured.points(), current, current, seen + ", within the band " + band
          + ": hold '" + s.setpointTag() + "' at " + now);
    }
    boolean above = v > s.bandHigh();
    double wanted = above ? decimal(now).subtract(decimal(s.step())).doubleValue() : decimal(now).add(decimal(s.step())).doubleValue();
    double proposed = Math.max(s.setpointMin(), Math.min(s.setpointMax(), wanted));
    String side = seen + ", " + (above ? "above" : "below") + " the band " + band;
    // A set point read back from a device may differ from the limit in its last digits: that is no move.
    if (Math.abs(proposed - now) < s.step() / 1000) {
      return new Decision("hold", measured.value(), measured.points(), current, current, side + ", but '" + s.setpointTag()
          + "' is at " + now + ", already at its " + (above ? "minimum " + s.setpointMin() : "maximum " + s.setpointMax()) + ": hold");
    }
    String action = proposed < now ? "lower" : "raise";
    String clamped = proposed != wanted ? " (clamped to its " + (proposed == s.setpointMin() ? "minimum" : "maximum") + ")" : "";
    return new Decision(action, measured.value(), measured.points(), current, Optional.of(proposed), side + ": " + action + " '"
        + s.setpointTag() + "' from " + now + " to " + proposed + clamped);
  }

  /** A measured statistic in a sentence: six significant digits are plenty (0.7352, not 0.7352000000000001). */
  static String shown(double v) {
    return new BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }

  private static BigDecimal decimal(double v) {
    return BigDecimal.valueOf(v);
  }
}

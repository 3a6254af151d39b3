package io.eoc.sim.model;

import java.util.random.RandomGenerator;

/** Small numerical helpers shared by the models. */
final class Physics {

  private Physics() {}

  /** First-order lag over {@code h} seconds, exact for a constant target. */
  static double lag(double value, double target, double tauSeconds, double h) {
    return target + (value - target) * Math.exp(-h / tauSeconds);
  }

  /** Moves toward {@code target} by at most {@code rate × h} (an actuator's speed limit). */
  static double rateLimit(double value, double target, double rate, double h) {
    double step = rate * h;
    return value + Math.max(-step, Math.min(step, target - value));
  }

  static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }

  /** Piecewise-linear interpolation in a table; clamped to its ends. */
  static double interpolate(double[] xs, double[] ys, double x) {
    if (x <= xs[0]) {
      return ys[0];
    }
    for (int i = 1; i < xs.length; i++) {
      if (x <= xs[i]) {
        double f = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return ys[i - 1] + f * (ys[i] - ys[i - 1]);
      }
    }
    return ys[ys.length - 1];
  }

  /**
   * Whether a memoryless event with mean interval {@code meanSeconds} happens within {@code h}
   * seconds. Draws exactly one number, so the random stream does not depend on the outcome.
   */
  static boolean happens(RandomGenerator random, double h, double meanSeconds) {
    return random.nextDouble() < 1 - Math.exp(-h / meanSeconds);
  }

  /** An exponentially distributed duration with the given mean. */
  static double exponential(RandomGenerator random, double meanSeconds) {
    return -meanSeconds * Math.log(1 - random.nextDouble());
  }

  /** Degrees folded into [0, 360). */
  static double wrap360(double degrees) {
    double d = degrees % 360;
    return d < 0 ? d + 360 : d;
  }

  /** Degrees folded into (-180, 180]. */
  static double wrap180(double degrees) {
    double d = wrap360(degrees);
    return d > 180 ? d - 360 : d;
  }
}

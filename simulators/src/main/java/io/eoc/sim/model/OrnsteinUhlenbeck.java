package io.eoc.sim.model;

import java.util.random.RandomGenerator;

/**
 * A mean-reverting random walk, advanced with the exact discretisation so that its statistics do
 * not depend on the step size (models are stepped at 100 ms live and at 1 s in tests).
 */
public final class OrnsteinUhlenbeck {

  private final double mean;
  private final double tauSeconds;
  private final double stationarySd;
  private double value;

  public OrnsteinUhlenbeck(double initial, double mean, double tauSeconds, double stationarySd) {
    this.value = initial;
    this.mean = mean;
    this.tauSeconds = tauSeconds;
    this.stationarySd = stationarySd;
  }

  public double value() {
    return value;
  }

  public double advance(double seconds, RandomGenerator random) {
    double decay = Math.exp(-seconds / tauSeconds);
    double sd = stationarySd * Math.sqrt(1 - decay * decay);
    value = mean + (value - mean) * decay + sd * random.nextGaussian();
    return value;
  }

  /** Advances, then reflects into [low, high] so the walk does not stick to a bound. */
  public double advanceWithin(double seconds, RandomGenerator random, double low, double high) {
    advance(seconds, random);
    if (value < low) {
      value = 2 * low - value;
    } else if (value > high) {
      value = 2 * high - value;
    }
    value = Math.max(low, Math.min(high, value));
    return value;
  }
}

package io.eoc.sim.boiler;

import java.time.Duration;
import java.util.Objects;

/**
 * What the boiler's instruments show at one instant (measured values, including sensor noise).
 *
 * @param elapsed simulated time since the model was created
 * @param running whether the burner is in operation (the "running" tag, 1/0)
 * @param loadDemand the process's steam demand as a fraction of rating, 0.4–1.0; internal to the
 *     simulation, not an instrument
 * @param fuelFlow natural gas flow, m³/h; exactly 0 when stopped
 * @param steamFlow steam flow at the outlet, t/h
 * @param steamPressure drum pressure, MPa absolute
 * @param steamTemperature steam temperature at the outlet, °C
 */
public record BoilerState(
    Duration elapsed,
    boolean running,
    double loadDemand,
    double fuelFlow,
    double steamFlow,
    double steamPressure,
    double steamTemperature) {

  public BoilerState {
    Objects.requireNonNull(elapsed, "elapsed");
    if (elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed must not be negative: " + elapsed);
    }
    requireNonNegative("loadDemand", loadDemand);
    requireNonNegative("fuelFlow", fuelFlow);
    requireNonNegative("steamFlow", steamFlow);
    requireNonNegative("steamPressure", steamPressure);
    if (!Double.isFinite(steamTemperature)) {
      throw new IllegalArgumentException("steamTemperature must be finite: " + steamTemperature);
    }
    if (!running && fuelFlow != 0) {
      throw new IllegalArgumentException("a stopped boiler burns no gas, fuelFlow=" + fuelFlow);
    }
  }

  private static void requireNonNegative(String name, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(name + " must be finite and >= 0: " + value);
    }
  }
}

package io.eoc.sim.boiler;

/**
 * Saturation temperature of water at a given absolute pressure.
 *
 * <p>Interpolates the IAPWS-IF97 saturation table linearly in ln(p), which is within 0.2 °C of
 * the full formulation over the 0.1–2.0 MPa range a low-pressure steam boiler covers. A table is
 * used rather than a power-law fit because the fit drifts by several kelvin at the ends of the
 * range, and temperature must stay consistent with pressure to the sensor's resolution.
 */
final class SaturatedSteam {

  /** Absolute pressure at sea level, MPa: a vented drum cannot fall below it. */
  static final double ATMOSPHERIC_MPA = 0.101325;

  // IAPWS-IF97 saturation pressure (MPa, absolute) → saturation temperature (°C).
  private static final double[] PRESSURE_MPA = {
    0.101325, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0
  };
  private static final double[] TEMPERATURE_C = {
    99.97, 111.35, 120.21, 133.52, 143.61, 151.83, 158.83, 164.95, 170.41, 175.35, 179.88,
    187.96, 195.04, 201.37, 207.11, 212.38
  };

  private SaturatedSteam() {}

  /** Saturation temperature in °C; pressures outside the table are clamped to its ends. */
  static double temperatureAt(double absolutePressureMpa) {
    double p = Math.max(PRESSURE_MPA[0], Math.min(absolutePressureMpa, last(PRESSURE_MPA)));
    int i = 1;
    while (i < PRESSURE_MPA.length - 1 && PRESSURE_MPA[i] < p) {
      i++;
    }
    double x0 = Math.log(PRESSURE_MPA[i - 1]);
    double x1 = Math.log(PRESSURE_MPA[i]);
    double f = (Math.log(p) - x0) / (x1 - x0);
    return TEMPERATURE_C[i - 1] + f * (TEMPERATURE_C[i] - TEMPERATURE_C[i - 1]);
  }

  private static double last(double[] values) {
    return values[values.length - 1];
  }
}

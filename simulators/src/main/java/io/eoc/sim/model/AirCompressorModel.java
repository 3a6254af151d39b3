package io.eoc.sim.model;

import java.time.Duration;
import java.time.Instant;

/**
 * An oil-injected screw air compressor with load/unload control (大型空压机, jiangsu-2023
 * §三(二)1 通用动力设备): 132 kW motor, 22 m³/min free air delivery, feeding a 5 m³ receiver
 * and network.
 *
 * <p>Physics:
 * <ul>
 *   <li>receiver pressure follows the isothermal receiver equation dp/dt = p_atm (Q_in − Q_out)
 *       / V, with flows in free air (the same relation the Compressed Air Challenge's
 *       "Improving Compressed Air System Performance" sourcebook uses to size receivers);
 *   <li>the plant's air demand wanders between 20 and 90 % of the delivery, and flows through
 *       tools and leaks go with the absolute pressure (choked orifices);
 *   <li>load/unload control: the inlet valve opens when the pressure falls to the load
 *       (cut-in) pressure and closes at the unload (cut-out) pressure, 0.1 MPa higher;
 *   <li>motor power is ≈ 142 kW loaded, rising ≈ 7 % per 0.1 MPa of discharge pressure, and
 *       falls to ≈ 25 % when unloaded as the sump blows down over ≈ 15 s (the sourcebook quotes
 *       25–35 % unloaded for lubricant-injected screws);
 *   <li>the discharge temperature sits near 85 °C loaded and 72 °C unloaded.
 * </ul>
 */
public final class AirCompressorModel extends SimulatedModel {

  public static final String KIND = "air-compressor";
  /** Free air delivery, m³/min. */
  public static final double FREE_AIR_DELIVERY = 22.0;
  /** Input power loaded at 0.7 MPa, kW. */
  public static final double LOADED_KW = 142;
  public static final double UNLOADED_FRACTION = 0.25;
  /** Unload minus load pressure, MPa. */
  public static final double PRESSURE_BAND = 0.10;
  public static final double DEFAULT_UNLOAD_MPA = 0.75;

  private static final double ATMOSPHERIC_MPA = 0.101325;
  private static final double VOLUME_M3 = 5.0;
  private static final double REFERENCE_MPA = 0.70;
  private static final double INLET_VALVE_TAU_S = 0.5;
  private static final double BLOWDOWN_TAU_S = 15;
  private static final double LOADING_TAU_S = 1;

  private final OrnsteinUhlenbeck demand = new OrnsteinUhlenbeck(0.55, 0.55, 15 * 60, 0.15);
  private final OrnsteinUhlenbeck ambient = new OrnsteinUhlenbeck(28, 28, 4 * 3600, 3);

  private boolean running = true;
  private boolean loaded = true;
  private double unloadPressure = DEFAULT_UNLOAD_MPA;
  private double pressure = REFERENCE_MPA;
  private double supply = FREE_AIR_DELIVERY;
  private double motorPower = LOADED_KW;
  private double temperature = 85;
  private double energyKwh;
  // measured
  private double measuredPressure;
  private double measuredFlow;
  private double measuredPower;
  private double measuredTemperature;

  public AirCompressorModel(long seed, Instant start) {
    super(KIND, Category.POWER, seed, start, Duration.ofMillis(250));
    this.energyKwh = random.nextInt(2_000_000);
    table.write(TagSpec.state("running", 1, "0 stopped, 1 running"),
            () -> running ? 1 : 0, this::setRunning)
        .read(TagSpec.state("loaded", 1, "0 unloaded, 1 loaded"), () -> loaded ? 1 : 0)
        .read(TagSpec.analog("discharge_pressure", "MPa", 0, 1.0, 0.001), () -> measuredPressure)
        .write(TagSpec.analog("unload_pressure", "MPa", 0.55, 0.85, 0.001),
            () -> unloadPressure, v -> unloadPressure = v)
        .read(TagSpec.analog("load_pressure", "MPa", 0.45, 0.75, 0.001), this::loadPressure)
        .read(TagSpec.analog("air_flow", "m³/min", 0, 30, 0.01), () -> measuredFlow)
        .read(TagSpec.analog("motor_power", "kW", 0, 200, 0.1), () -> measuredPower)
        .read(TagSpec.analog("discharge_temperature", "°C", -40, 120, 0.1),
            () -> measuredTemperature)
        .read(TagSpec.counter("energy", "kWh", 1e9, 1), () -> Math.floor(energyKwh));
    measure();
  }

  /** A stop opens the motor contactor and closes the inlet valve at once. */
  private void setRunning(double value) {
    running = value == 1;
    loaded &= running;
  }

  private double loadPressure() {
    return unloadPressure - PRESSURE_BAND;
  }

  @Override
  void advance(double h) {
    double fraction = demand.advanceWithin(h, random, 0.2, 0.9);
    double tAmbient = ambient.advanceWithin(h, random, 10, 40);
    if (!running) {
      loaded = false;
    } else if (!loaded && pressure <= loadPressure()) {
      loaded = true;
    } else if (loaded && pressure >= unloadPressure) {
      loaded = false;
    }
    supply = Physics.lag(supply, loaded ? FREE_AIR_DELIVERY : 0, INLET_VALVE_TAU_S, h);
    double absolute = (pressure + ATMOSPHERIC_MPA) / (REFERENCE_MPA + ATMOSPHERIC_MPA);
    double drawn = fraction * FREE_AIR_DELIVERY * absolute;
    pressure = Math.max(0, pressure + ATMOSPHERIC_MPA * (supply - drawn) / 60 * h / VOLUME_M3);
    double powerTarget = !running ? 0
        : loaded ? LOADED_KW * (1 + 0.7 * (pressure - REFERENCE_MPA))
        : UNLOADED_FRACTION * LOADED_KW;
    motorPower = !running ? 0
        : Physics.lag(motorPower, powerTarget, loaded ? LOADING_TAU_S : BLOWDOWN_TAU_S, h);
    double temperatureTarget = !running ? tAmbient : loaded ? 85 : 72;
    temperature = Physics.lag(temperature, temperatureTarget, running ? 120 : 1200, h);
    energyKwh += motorPower * h / 3600;
  }

  @Override
  void measure() {
    double pressureNoise = random.nextGaussian();
    double flowNoise = random.nextGaussian();
    double powerNoise = random.nextGaussian();
    double temperatureNoise = random.nextGaussian();
    measuredPressure = Math.max(0, pressure + 0.001 * pressureNoise);
    measuredFlow = supply < 0.05 ? 0 : Math.max(0, supply * (1 + 0.005 * flowNoise));
    measuredPower = running ? Math.max(0, motorPower * (1 + 0.003 * powerNoise)) : 0;
    measuredTemperature = temperature + 0.2 * temperatureNoise;
  }
}

package io.eoc.sim.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A 500 kW (625 kVA) diesel generating set (柴油发电机组, jiangsu-2023 §三(二)1 通用动力设备):
 * 4-pole alternator at 1500 rpm, 50 Hz, 400 V, isochronous governor.
 *
 * <p>Physics:
 * <ul>
 *   <li>the site load wanders between 25 and 95 % of rating, with occasional ±50 kW steps as
 *       large consumers switch;
 *   <li>fuel rate follows the load on a part-load curve for a 500 kW set: 41.6, 70.0, 99.9 and
 *       135.1 L/h at ¼, ½, ¾ and full load (11.0, 18.5, 26.4, 35.7 US gal/h in the widely used
 *       "approximate diesel fuel consumption chart"), extended linearly to ≈ 10 L/h at no load
 *       (the Willans line);
 *   <li>speed is held at 1500 rpm; a load step makes it dip by ≈ 150 rpm per unit of load step
 *       and recover within seconds, as an ISO 8528-5 class G2 set does; frequency = speed × 4
 *       poles / 120;
 *   <li>after a start the engine runs up in a few seconds and the breaker closes above 1450 rpm;
 *   <li>the coolant warms to a thermostat-held 78–88 °C (rising with load) with a 5-minute
 *       time constant, and cools toward ambient over hours when stopped.
 * </ul>
 */
public final class DieselGeneratorModel extends SimulatedModel {

  public static final String KIND = "diesel-generator";
  public static final double RATED_KW = 500;
  public static final double RATED_RPM = 1500;
  public static final double RATED_VOLTAGE = 400;
  private static final double[] LOAD = {0, 0.25, 0.5, 0.75, 1.0};
  private static final double[] FUEL_L_PER_H = {10.4, 41.6, 70.0, 99.9, 135.1};
  private static final double BREAKER_RPM = 1450;
  private static final double STEP_KW = 50;
  private static final double MEAN_STEP_INTERVAL_S = 15 * 60;
  private static final double DIP_RPM_PER_UNIT = 150;
  private static final double GOVERNOR_TAU_S = 2;

  private final OrnsteinUhlenbeck demand = new OrnsteinUhlenbeck(0.6, 0.6, 30 * 60, 0.15);
  private final OrnsteinUhlenbeck ambient = new OrnsteinUhlenbeck(25, 25, 4 * 3600, 3);

  private boolean running = true;
  private boolean breakerClosed = true;
  private double stepLoad;
  private double load;
  private double governed;
  private double speed = RATED_RPM;
  private double fuel;
  private double coolant;
  private double runHours;
  private double energyKwh;
  // measured
  private double measuredLoad;
  private double measuredFuel;
  private double measuredSpeed;
  private double measuredVoltage;
  private double measuredCoolant;

  public DieselGeneratorModel(long seed, Instant start) {
    super(KIND, Category.POWER, seed, start, Duration.ofMillis(500));
    this.runHours = random.nextInt(20_000);
    this.energyKwh = runHours * RATED_KW * 0.55;
    this.load = demand.value() * RATED_KW;
    this.governed = load;
    this.fuel = fuelRate(load);
    this.coolant = 78 + 10 * demand.value();
    table.write(TagSpec.state("running", 1, "0 stopped, 1 running"),
            () -> running ? 1 : 0, this::setRunning)
        .read(TagSpec.analog("load_kw", "kW", 0, 625, 0.1), () -> measuredLoad)
        .read(TagSpec.analog("fuel_rate", "L/h", 0, 200, 0.1), () -> measuredFuel)
        .read(TagSpec.analog("engine_speed", "rpm", 0, 1800, 0.1), () -> measuredSpeed)
        .read(TagSpec.analog("frequency", "Hz", 0, 55, 0.01), () -> measuredSpeed * 4 / 120)
        .read(TagSpec.analog("voltage", "V", 0, 480, 0.1), () -> measuredVoltage)
        .read(TagSpec.analog("coolant_temperature", "°C", -40, 120, 0.1), () -> measuredCoolant)
        .read(TagSpec.counter("run_hours", "h", 1e8, 0.1), () -> Math.floor(runHours * 10) / 10)
        .read(TagSpec.counter("energy", "kWh", 1e9, 1), () -> Math.floor(energyKwh));
    measure();
  }

  /** Fuel rate at {@code kw} of electrical load, L/h, on the part-load curve. */
  public static double fuelRate(double kw) {
    return Physics.interpolate(LOAD, FUEL_L_PER_H, kw / RATED_KW);
  }

  /** A stop opens the breaker and cuts the fuel at once; the engine then runs down. */
  private void setRunning(double value) {
    running = value == 1;
    if (!running) {
      breakerClosed = false;
      load = 0;
      fuel = 0;
    }
  }

  @Override
  void advance(double h) {
    double fraction = demand.advanceWithin(h, random, 0.25, 0.85);
    double tAmbient = ambient.advanceWithin(h, random, 5, 40);
    if (Physics.happens(random, h, MEAN_STEP_INTERVAL_S)) {
      stepLoad = stepLoad > 0 ? 0 : STEP_KW;
    }
    if (!running) {
      breakerClosed = false;
    } else if (!breakerClosed && speed >= BREAKER_RPM) {
      breakerClosed = true;
    }
    load = breakerClosed ? fraction * RATED_KW + stepLoad : 0;
    governed = Physics.lag(governed, load, GOVERNOR_TAU_S, h);
    if (breakerClosed) {
      speed = RATED_RPM - DIP_RPM_PER_UNIT * (load - governed) / RATED_KW;
    } else {
      speed = Physics.lag(speed, running ? RATED_RPM : 0, running ? 1.5 : 3, h);
    }
    // The injection pump follows the governor within a few revolutions.
    fuel = running ? Physics.lag(fuel, fuelRate(load) * speed / RATED_RPM, 0.3, h) : 0;
    double coolantTarget = running ? 78 + 10 * load / RATED_KW : tAmbient;
    coolant = Physics.lag(coolant, coolantTarget, running ? 300 : 5400, h);
    runHours += running ? h / 3600 : 0;
    energyKwh += load * h / 3600;
  }

  @Override
  void measure() {
    double loadNoise = random.nextGaussian();
    double fuelNoise = random.nextGaussian();
    double speedNoise = random.nextGaussian();
    double voltageNoise = random.nextGaussian();
    double coolantNoise = random.nextGaussian();
    measuredLoad = load > 0 ? Math.max(0, load * (1 + 0.003 * loadNoise)) : 0;
    measuredFuel = fuel > 0.1 ? Math.max(0, fuel * (1 + 0.01 * fuelNoise)) : 0;
    measuredSpeed = speed < 1 ? 0 : Math.max(0, speed + 0.5 * speedNoise);
    double excitation = Math.min(1, speed / RATED_RPM);
    double volts = RATED_VOLTAGE * excitation - 40 * (load - governed) / RATED_KW;
    measuredVoltage = speed < 1 ? 0 : Math.max(0, volts * (1 + 0.002 * voltageNoise));
    measuredCoolant = coolant + 0.2 * coolantNoise;
  }
}

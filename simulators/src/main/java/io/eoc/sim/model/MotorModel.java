package io.eoc.sim.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A large 6 kV squirrel-cage induction motor (大中型电机, jiangsu-2023 §三(二)1 通用动力设备)
 * driving a centrifugal pump or fan: 630 kW, 4 poles, 50 Hz.
 *
 * <p>Physics:
 * <ul>
 *   <li>the driven machine asks for a slowly wandering load (45–100 % of rating); a centrifugal
 *       load's power goes with the cube of speed (affinity laws), so it builds up as the motor
 *       accelerates after a start;
 *   <li>input power = output + losses, with losses split as in IEC 60034-2-1 into constant (iron,
 *       friction: 1.2 % of rating) and load losses ∝ load² (3.5 % at rating), which gives 95.5 %
 *       at rating and the usual flat efficiency curve peaking near 60 % load;
 *   <li>reactive power = magnetising (≈ 300 kvar ∝ U², a no-load current of ≈ 40 % of rated,
 *       typical of 4-pole MV motors) + leakage ∝ load²; power factor = P / √(P² + Q²) follows:
 *       0.87 at rating, ≈ 0.72 at half load, near 0 unloaded;
 *   <li>current I = S / (√3 U); slip ∝ torque / U² (0.67 % at rating: 1490 rpm);
 *   <li>winding temperature is a first-order thermal model, the one motor-protection relays use
 *       (IEC 60255-149): it tends to ambient + 80 K × (I / I_rated)² (class-B rise, class-F
 *       insulation) with a 40-minute time constant running and 3× that at standstill, when the
 *       shaft fan no longer cools it. So the temperature lags the load.
 * </ul>
 * Left out: the inrush of a direct-on-line start (5–7 × rated current for a few seconds); this
 * motor is taken to have a soft starter.
 */
public final class MotorModel extends SimulatedModel {

  public static final String KIND = "motor";
  public static final double RATED_OUTPUT_KW = 630;
  public static final double RATED_VOLTAGE_KV = 6.0;
  public static final double SYNCHRONOUS_RPM = 1500;
  /** Rated current, A: P_out / (η √3 U cos φ) = 630 / (0.955 × √3 × 6.0 × 0.87) ≈ 73 A. */
  public static final double RATED_CURRENT_A =
      RATED_OUTPUT_KW / (0.955 * Math.sqrt(3) * RATED_VOLTAGE_KV * 0.87);
  /** Winding temperature rise over ambient at rated current, K. */
  public static final double RATED_RISE_K = 80;
  public static final double THERMAL_TAU_S = 40 * 60;

  private static final double CONSTANT_LOSS_KW = 0.012 * RATED_OUTPUT_KW;
  private static final double LOAD_LOSS_KW = 0.035 * RATED_OUTPUT_KW;
  private static final double MAGNETISING_KVAR = 300;
  private static final double LEAKAGE_KVAR = 73.5;
  private static final double RATED_SLIP = 0.0067;
  private static final double ACCELERATION_TAU_S = 2;
  private static final double COAST_TAU_S = 60;

  private final OrnsteinUhlenbeck demand = new OrnsteinUhlenbeck(0.8, 0.8, 3600, 0.12);
  private final OrnsteinUhlenbeck supply =
      new OrnsteinUhlenbeck(RATED_VOLTAGE_KV * 1.01, RATED_VOLTAGE_KV * 1.01, 600, 0.03);
  private final OrnsteinUhlenbeck ambient = new OrnsteinUhlenbeck(30, 30, 4 * 3600, 3);

  private boolean running = true;
  private double speed;
  private double winding;
  private double energyKwh;
  // measured
  private double current;
  private double voltage;
  private double power;
  private double powerFactor;
  private double measuredSpeed;
  private double measuredWinding;

  public MotorModel(long seed, Instant start) {
    super(KIND, Category.POWER, seed, start, Duration.ofSeconds(1));
    this.energyKwh = random.nextInt(5_000_000);
    this.speed = runningSpeed(demand.value(), supply.value());
    this.winding = ambient.value() + RATED_RISE_K * square(currentAt(demand.value(), speed,
        supply.value()) / RATED_CURRENT_A);
    table.write(TagSpec.state("running", 1, "0 stopped, 1 running"),
            () -> running ? 1 : 0, v -> running = v == 1)
        .read(TagSpec.analog("current", "A", 0, 150, 0.1), () -> current)
        .read(TagSpec.analog("voltage", "kV", 0, 7.2, 0.001), () -> voltage)
        .read(TagSpec.analog("active_power", "kW", 0, 900, 0.1), () -> power)
        .read(TagSpec.analog("power_factor", "", 0, 1, 0.001), () -> powerFactor)
        .read(TagSpec.analog("speed", "rpm", 0, 1600, 0.1), () -> measuredSpeed)
        .read(TagSpec.analog("winding_temperature", "°C", -40, 180, 0.1), () -> measuredWinding)
        .read(TagSpec.counter("energy", "kWh", 1e9, 1), () -> Math.floor(energyKwh));
    measure();
  }

  @Override
  void advance(double h) {
    double load = demand.advanceWithin(h, random, 0.45, 1.0);
    double u = supply.advance(h, random);
    double tAmbient = ambient.advanceWithin(h, random, 15, 40);
    speed = running
        ? Physics.lag(speed, runningSpeed(load, u), ACCELERATION_TAU_S, h)
        : Physics.lag(speed, 0, COAST_TAU_S, h);
    double i = running ? currentAt(load, speed, u) : 0;
    double target = tAmbient + RATED_RISE_K * square(i / RATED_CURRENT_A);
    winding = Physics.lag(winding, target, running ? THERMAL_TAU_S : 3 * THERMAL_TAU_S, h);
    energyKwh += running ? inputKw(load, speed) * h / 3600 : 0;
  }

  @Override
  void measure() {
    double load = demand.value();
    double u = supply.value();
    double currentNoise = random.nextGaussian();
    double voltageNoise = random.nextGaussian();
    double speedNoise = random.nextGaussian();
    double temperatureNoise = random.nextGaussian();
    voltage = u * (1 + 0.001 * voltageNoise);
    double p = inputKw(load, speed);
    double q = reactiveKvar(load, speed, u);
    current = running ? Math.max(0, currentAt(load, speed, u) * (1 + 0.003 * currentNoise)) : 0;
    power = running ? Math.max(0, p * (1 + 0.003 * currentNoise)) : 0;
    powerFactor = running ? p / Math.hypot(p, q) : 0;
    measuredSpeed = speed < 0.5 ? 0 : Math.max(0, speed + 0.3 * speedNoise);
    measuredWinding = winding + 0.1 * temperatureNoise;
  }

  /** Shaft load, kW, of a centrifugal machine: demand × rating × (n / n_rated)³. */
  private static double outputKw(double load, double speed) {
    double n = speed / (SYNCHRONOUS_RPM * (1 - RATED_SLIP));
    return load * RATED_OUTPUT_KW * n * n * n;
  }

  private static double inputKw(double load, double speed) {
    double out = outputKw(load, speed);
    double fraction = out / RATED_OUTPUT_KW;
    return out + CONSTANT_LOSS_KW * Math.min(1, speed / SYNCHRONOUS_RPM)
        + LOAD_LOSS_KW * fraction * fraction;
  }

  private static double reactiveKvar(double load, double speed, double u) {
    double fraction = outputKw(load, speed) / RATED_OUTPUT_KW;
    return MAGNETISING_KVAR * square(u / RATED_VOLTAGE_KV) + LEAKAGE_KVAR * fraction * fraction;
  }

  private static double currentAt(double load, double speed, double u) {
    return Math.hypot(inputKw(load, speed), reactiveKvar(load, speed, u)) / (Math.sqrt(3) * u);
  }

  private static double runningSpeed(double load, double u) {
    return SYNCHRONOUS_RPM * (1 - RATED_SLIP * load * square(RATED_VOLTAGE_KV / u));
  }

  private static double square(double x) {
    return x * x;
  }
}

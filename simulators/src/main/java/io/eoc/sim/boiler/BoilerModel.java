package io.eoc.sim.boiler;

import io.eoc.sim.model.OrnsteinUhlenbeck;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A 10 t/h natural-gas-fired saturated-steam boiler (工业锅炉), the kind of equipment listed as
 * high energy use in jiangsu-2023 §三(二)1 高能耗设备, reduced to the few states its instruments
 * show.
 *
 * <p>Physics, in the order {@link #step} evaluates it:
 * <ul>
 *   <li>the process draws steam according to a slowly wandering demand (40–100 % of rating) and to
 *       the drum pressure pushing steam through its valves;
 *   <li>the burner controller feeds gas to replace that steam (feed-forward, 75 m³ per tonne) and
 *       trims it to hold the drum pressure at its set point; the gas valve follows with a lag;
 *   <li>heat reaches the water with a further lag; the gas's heating value drifts by a few percent,
 *       which the controller does not know about, so the pressure wanders around the set point;
 *   <li>the drum pressure integrates (steam generated − steam drawn) over its stored energy, is
 *       capped by the safety valve, and when the burner is off decays toward atmospheric as the
 *       shell loses heat;
 *   <li>the steam is saturated at drum pressure plus a little superheat from the hot gas path.
 * </ul>
 * Occasional stop/start cycles happen at random (mean several hours running, minutes stopped).
 *
 * <p>Deterministic: the same seed and the same sequence of {@link #step} durations and
 * {@link #start}/{@link #stop} calls give the same states. No clock is read. Not thread-safe; the
 * server confines the model to its tick thread.
 */
public final class BoilerModel {

  /** Rated steam output, t/h. */
  public static final double RATED_STEAM_T_PER_H = 10.0;
  /**
   * Natural gas per tonne of steam, m³/t: 35.6 MJ/m³ (LHV), feed water from a deaerator at about
   * 104 °C and ~92 % efficiency give 2.35 GJ/t ÷ (35.6 × 0.92) ≈ 72–75 m³/t.
   */
  public static final double GAS_PER_TONNE_STEAM = 75.0;
  /** Burner maximum, m³/h (about 107 % of rating). */
  public static final double MAX_FUEL_M3_PER_H = 800.0;
  /** Pressure held by the burner controller, MPa absolute. */
  public static final double PRESSURE_SET_POINT_MPA = 1.25;
  /** Safety-valve lift pressure, MPa absolute; the drum cannot exceed it. */
  public static final double SAFETY_VALVE_MPA = 1.60;
  /** Lowest set point an operator may give, MPa absolute. */
  public static final double MIN_SET_POINT_MPA = 0.80;
  /** Highest set point, MPa absolute: 0.1 MPa below the safety valve so it does not lift. */
  public static final double MAX_SET_POINT_MPA = 1.50;

  private static final double RATED_FUEL = RATED_STEAM_T_PER_H * GAS_PER_TONNE_STEAM;
  private static final double MIN_FIRE = 0.2 * RATED_FUEL;
  /** Fraction of rated gas added per MPa below set point. */
  private static final double PRESSURE_GAIN_PER_MPA = 0.8;
  /**
   * Stored energy of the water and steel, as (t/h of steam imbalance)·s per MPa: ~12 t of water at
   * ~160 kJ/(kg·MPa) over ~2 GJ per tonne of steam.
   */
  private static final double STORAGE = 3000.0;
  private static final double FUEL_LAG_S = 20.0;
  private static final double HEAT_LAG_S = 60.0;
  private static final double DRAW_LAG_S = 30.0;
  private static final double SUPERHEAT_LAG_S = 300.0;
  private static final double COOLING_TAU_S = 2 * 3600.0;
  private static final double MEAN_RUNNING_S = 6 * 3600.0;
  private static final double MEAN_STOPPED_S = 15 * 60.0;
  private static final double MAX_SUBSTEP_S = 1.0;

  private static final double PRESSURE_NOISE_MPA = 0.003;
  private static final double TEMPERATURE_NOISE_C = 0.15;
  private static final double FUEL_NOISE_FRACTION = 0.004;
  private static final double STEAM_NOISE_T_PER_H = 0.03;
  /** Below this the flow meters read zero (low-flow cut-off), t/h. */
  private static final double STEAM_CUTOFF_T_PER_H = 0.05;

  private final RandomGenerator random;
  private final OrnsteinUhlenbeck demand;
  private final OrnsteinUhlenbeck heatingValue;
  private final OrnsteinUhlenbeck drawFluctuation;

  private boolean running = true;
  private boolean held;
  private double pressureSetPoint = PRESSURE_SET_POINT_MPA;
  private double fuel;
  private double heat;
  private double draw;
  private double pressure = PRESSURE_SET_POINT_MPA;
  private double superheat;
  private Duration elapsed = Duration.ZERO;
  private BoilerState state;

  /** A boiler that is running at steady state with 70 % demand. */
  public BoilerModel(long seed) {
    this.random = new SplittableRandom(seed);
    this.demand = new OrnsteinUhlenbeck(0.7, 0.7, 3 * 3600.0, 0.18);
    this.heatingValue = new OrnsteinUhlenbeck(1.0, 1.0, 8 * 3600.0, 0.02);
    this.drawFluctuation = new OrnsteinUhlenbeck(0.0, 0.0, 90.0, 0.04);
    this.draw = demand.value() * RATED_STEAM_T_PER_H;
    this.fuel = draw * GAS_PER_TONNE_STEAM;
    this.heat = draw;
    this.superheat = superheatTarget();
    this.state = measure();
  }

  /** Advances the simulation by {@code dt} of simulated time and returns the new state. */
  public BoilerState step(Duration dt) {
    Objects.requireNonNull(dt, "dt");
    if (dt.isNegative() || dt.isZero()) {
      throw new IllegalArgumentException("step must be positive: " + dt);
    }
    double seconds = dt.toNanos() / 1e9;
    // Sub-steps keep the explicit pressure integration accurate whatever step the caller uses.
    int substeps = (int) Math.ceil(seconds / MAX_SUBSTEP_S);
    double h = seconds / substeps;
    for (int i = 0; i < substeps; i++) {
      advance(h);
    }
    elapsed = elapsed.plus(dt);
    state = measure();
    return state;
  }

  /** The state after the last step (or the initial state). */
  public BoilerState state() {
    return state;
  }

  public boolean running() {
    return running;
  }

  /**
   * Starts the burner (if stopped) and resumes the automatic stop/start cycles. {@link #state()}
   * shows it running at once; gas flow then ramps up over the following steps.
   */
  public void start() {
    held = false;
    running = true;
    state = withRunning(state, true);
  }

  /**
   * Stops the burner, as an operator would: it stays stopped, with no automatic restart, until
   * {@link #start()}. The gas safety shut-off valve closes at once, so {@link #state()} shows fuel
   * flow 0 immediately; pressure and steam flow fall over the following steps.
   */
  public void stop() {
    held = true;
    trip();
    state = withRunning(state, false);
  }

  /** The pressure the burner controller holds, MPa absolute. */
  public double pressureSetPoint() {
    return pressureSetPoint;
  }

  /**
   * Changes the pressure the burner controller holds, as an operator would on the panel. The
   * process valves are unchanged, so at a higher set point the boiler also delivers a little more
   * steam. Takes effect on the next {@link #step}.
   *
   * @throws IllegalArgumentException outside {@value #MIN_SET_POINT_MPA} to
   *     {@value #MAX_SET_POINT_MPA} MPa
   */
  public void setPressureSetPoint(double mpa) {
    if (!(mpa >= MIN_SET_POINT_MPA && mpa <= MAX_SET_POINT_MPA)) {
      throw new IllegalArgumentException("pressure set point " + mpa + " MPa is out of range;"
          + " allowed: " + MIN_SET_POINT_MPA + " to " + MAX_SET_POINT_MPA + " MPa");
    }
    pressureSetPoint = mpa;
  }

  private static BoilerState withRunning(BoilerState s, boolean running) {
    return new BoilerState(s.elapsed(), running, s.loadDemand(), running ? s.fuelFlow() : 0,
        s.steamFlow(), s.steamPressure(), s.steamTemperature());
  }

  private void trip() {
    running = false;
    fuel = 0;
  }

  private void advance(double h) {
    cycle(h);
    double load = demand.advanceWithin(h, random, 0.4, 1.0);
    double heatingFactor = heatingValue.advance(h, random);
    double fluctuation = drawFluctuation.advance(h, random);
    double drawTarget =
        running ? load * RATED_STEAM_T_PER_H * valveOpening() * (1 + fluctuation) : 0;
    draw = lag(draw, Math.max(0, drawTarget), DRAW_LAG_S, h);
    fuel = running ? lag(fuel, burnerDemand(), FUEL_LAG_S, h) : 0;
    heat = lag(heat, heatingFactor * fuel / GAS_PER_TONNE_STEAM, HEAT_LAG_S, h);
    double dp = (heat - draw) / STORAGE * h;
    if (!running) {
      dp -= (pressure - SaturatedSteam.ATMOSPHERIC_MPA) * (1 - Math.exp(-h / COOLING_TAU_S));
    }
    pressure = clamp(pressure + dp, SaturatedSteam.ATMOSPHERIC_MPA, SAFETY_VALVE_MPA);
    superheat = lag(superheat, superheatTarget(), SUPERHEAT_LAG_S, h);
  }

  /** Random trips and restarts: memoryless, so the mean durations hold for any step size. */
  private void cycle(double h) {
    double u = random.nextDouble();
    if (running && u < 1 - Math.exp(-h / MEAN_RUNNING_S)) {
      trip();
    } else if (!running && !held && u < 1 - Math.exp(-h / MEAN_STOPPED_S)) {
      running = true;
    }
  }

  /** Steam pushed through the process valves rises with drum pressure (choked-flow-like). */
  private double valveOpening() {
    double span = PRESSURE_SET_POINT_MPA - SaturatedSteam.ATMOSPHERIC_MPA;
    return Math.sqrt(clamp((pressure - SaturatedSteam.ATMOSPHERIC_MPA) / span, 0, 1.5));
  }

  private double burnerDemand() {
    double feedForward = draw * GAS_PER_TONNE_STEAM;
    double trim = PRESSURE_GAIN_PER_MPA * (pressureSetPoint - pressure) * RATED_FUEL;
    return clamp(feedForward + trim, MIN_FIRE, MAX_FUEL_M3_PER_H);
  }

  private double superheatTarget() {
    return running ? 0.5 + 1.5 * draw / RATED_STEAM_T_PER_H : 0;
  }

  private BoilerState measure() {
    // Every noise sample is drawn on every call, so the random stream does not depend on state.
    double pressureNoise = PRESSURE_NOISE_MPA * random.nextGaussian();
    double temperatureNoise = TEMPERATURE_NOISE_C * random.nextGaussian();
    double fuelNoise = FUEL_NOISE_FRACTION * random.nextGaussian();
    double steamNoise = STEAM_NOISE_T_PER_H * random.nextGaussian();
    double temperature = SaturatedSteam.temperatureAt(pressure) + superheat + temperatureNoise;
    double measuredFuel = running && fuel > 0.5 ? Math.max(0, fuel * (1 + fuelNoise)) : 0;
    double measuredSteam = draw > STEAM_CUTOFF_T_PER_H ? Math.max(0, draw + steamNoise) : 0;
    return new BoilerState(elapsed, running, demand.value(), measuredFuel, measuredSteam,
        Math.max(0, pressure + pressureNoise), temperature);
  }

  private static double lag(double value, double target, double tauSeconds, double h) {
    return target + (value - target) * Math.exp(-h / tauSeconds);
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }
}

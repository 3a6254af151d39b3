package io.eoc.sim.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A 2 MW variable-speed, pitch-regulated wind turbine (风电机组, jiangsu-2023 §三(二)1 新能源设备),
 * 93 m rotor.
 *
 * <p>Wind at hub height:
 * <ul>
 *   <li>the 10-minute mean speed is Weibull distributed (shape k = 2, scale 8.5 m/s by default,
 *       about IEC 61400-1 class II): a slow Ornstein-Uhlenbeck process z (time constant 2 h)
 *       mapped through U = c (−ln(1 − Φ(z)))^{1/k}, so its marginal is exactly Weibull;
 *   <li>turbulence is a faster OU process with the IEC 61400-1 normal turbulence model's standard
 *       deviation σ = I_ref (0.75 U + 5.6 m/s), I_ref = 0.14 (class B);
 *   <li>gusts arrive about twice an hour as a 1 − cos pulse of 2.5 σ over 10.5 s (the duration of
 *       the IEC extreme operating gust);
 *   <li>the rotor sees the wind averaged over its disc, modelled as a 3 s lag: that is the
 *       reported {@code wind_speed}.
 * </ul>
 * The turbine follows the cubic power curve P = P_r (v³ − v_ci³) / (v_r³ − v_ci³) between cut-in
 * (3 m/s) and rated (12 m/s), and P_r up to cut-out (25 m/s) (Carrillo et al., "Review of power
 * curve modelling for wind turbines", Renew. Sust. Energy Rev. 21 (2013) 572–581). Below cut-in
 * it idles, and connects again above 3.5 m/s; above cut-out it feathers and stops, and restarts
 * when the wind falls below 20 m/s (hysteresis both ends, so that it does not hunt). The rotor
 * runs at the optimal tip-speed ratio 8 between 9 and 16.1 rpm; above rated wind (or under a power limit) the blades pitch by ≈ 1.9° per m/s to shed
 * power; the nacelle yaws at 0.5°/s when the wind direction is more than 10° off.
 */
public final class WindTurbineModel extends SimulatedModel {

  public static final String KIND = "wind-turbine";
  public static final double RATED_KW = 2000;
  public static final double CUT_IN = 3;
  /** An idling turbine connects only above this, so that it does not hunt around cut-in. */
  public static final double CONNECT_WIND = 3.5;
  public static final double RATED_WIND = 12;
  public static final double CUT_OUT = 25;
  public static final double RESTART_WIND = 20;
  public static final double DEFAULT_WEIBULL_SCALE = 8.5;

  /** Operating states, the values of the {@code state} tag. */
  public static final int STOPPED = 0;
  public static final int IDLE = 1;
  public static final int GENERATING = 2;
  public static final int STORM = 3;

  private static final double WEIBULL_SHAPE = 2;
  private static final double TURBULENCE_INTENSITY = 0.14;
  private static final double ROTOR_RADIUS_M = 46.5;
  private static final double TIP_SPEED_RATIO = 8;
  private static final double MIN_RPM = 9;
  private static final double RATED_RPM = 16.1;
  private static final double PITCH_PER_MS = 1.9;
  private static final double PITCH_RATE_DEG_S = 8;
  private static final double GUST_S = 10.5;
  private static final double MEAN_GUST_INTERVAL_S = 30 * 60;

  private final double weibullScale;
  private final OrnsteinUhlenbeck meanWind = new OrnsteinUhlenbeck(0, 0, 2 * 3600, 1);
  private final OrnsteinUhlenbeck turbulence = new OrnsteinUhlenbeck(0, 0, 8, 1);
  private final OrnsteinUhlenbeck direction = new OrnsteinUhlenbeck(135, 135, 2 * 3600, 40);
  private final OrnsteinUhlenbeck veer = new OrnsteinUhlenbeck(0, 0, 20, 6);

  private boolean running = true;
  private int state = GENERATING;
  private double powerLimit = RATED_KW;
  private double wind;
  private double gustAge = GUST_S;
  private double gustAmplitude;
  private double rotor;
  private double pitch;
  private double nacelle = 135;
  private boolean yawing;
  private double power;
  private double energyKwh;
  // measured
  private double measuredPower;

  public WindTurbineModel(long seed, Instant start) {
    this(seed, start, DEFAULT_WEIBULL_SCALE);
  }

  /** A turbine on a site whose mean wind has the given Weibull scale, m/s. */
  public WindTurbineModel(long seed, Instant start, double weibullScale) {
    super(KIND, Category.NEW_ENERGY, seed, start, Duration.ofMillis(500));
    if (!(weibullScale > 0 && weibullScale < 40)) {
      throw new IllegalArgumentException("Weibull scale must be 0-40 m/s: " + weibullScale);
    }
    this.weibullScale = weibullScale;
    this.energyKwh = random.nextInt(40_000_000);
    this.wind = meanWindSpeed();
    this.rotor = rotorTarget();
    this.power = output();
    table.write(TagSpec.state("running", 1, "0 stopped by operator, 1 in operation"),
            () -> running ? 1 : 0, this::setRunning)
        .read(TagSpec.state("state", 3, "0 stopped, 1 idle (below cut-in), 2 generating,"
            + " 3 high-wind stop"), () -> state)
        .read(TagSpec.analog("wind_speed", "m/s", 0, 50, 0.01), () -> wind)
        .read(TagSpec.analog("wind_direction", "°", 0, 360, 0.1),
            () -> Physics.wrap360(direction.value() + veer.value()))
        .read(TagSpec.analog("active_power", "kW", 0, 2100, 0.1), () -> measuredPower)
        .write(TagSpec.analog("power_limit", "kW", 0, RATED_KW, 1),
            () -> powerLimit, v -> powerLimit = v)
        .read(TagSpec.analog("rotor_speed", "rpm", 0, 20, 0.01), () -> rotor)
        .read(TagSpec.analog("pitch_angle", "°", -5, 95, 0.01), () -> pitch)
        .read(TagSpec.analog("nacelle_direction", "°", 0, 360, 0.1),
            () -> Physics.wrap360(nacelle))
        .read(TagSpec.counter("energy", "kWh", 1e9, 1), () -> Math.floor(energyKwh));
    measure();
  }

  /**
   * Electrical output at rotor-effective wind {@code v}, kW: the cubic power curve, 0 below
   * cut-in and above cut-out.
   */
  public static double powerCurve(double v) {
    if (v < CUT_IN || v > CUT_OUT) {
      return 0;
    }
    if (v >= RATED_WIND) {
      return RATED_KW;
    }
    return RATED_KW * (cube(v) - cube(CUT_IN)) / (cube(RATED_WIND) - cube(CUT_IN));
  }

  /** The wind at which the curve gives {@code kw}: the inverse of the cubic part. */
  static double windFor(double kw) {
    double fraction = Math.min(1, kw / RATED_KW);
    return Math.cbrt(cube(CUT_IN) + fraction * (cube(RATED_WIND) - cube(CUT_IN)));
  }

  private void setRunning(double value) {
    running = value == 1;
    if (!running) {
      state = STOPPED;
      power = 0;
    } else if (state == STOPPED) {
      state = IDLE;
    }
  }

  @Override
  void advance(double h) {
    meanWind.advance(h, random);
    double u = meanWindSpeed();
    double sigma = TURBULENCE_INTENSITY * (0.75 * u + 5.6);
    double hub = u + sigma * turbulence.advance(h, random) + gust(h, sigma);
    wind = Physics.lag(wind, Math.max(0, hub), 3, h);
    direction.advance(h, random);
    veer.advance(h, random);
    state = nextState();
    power = output();
    rotor = Physics.lag(rotor, rotorTarget(), 4, h);
    pitch = Physics.rateLimit(pitch, pitchTarget(), PITCH_RATE_DEG_S, h);
    yaw(h);
    energyKwh += power * h / 3600;
  }

  private double meanWindSpeed() {
    // Φ(z) through erfc keeps precision in the upper tail, where the storms are.
    double upperTail = 0.5 * erfc(meanWind.value() / Math.sqrt(2));
    return weibullScale * Math.pow(-Math.log(Math.max(upperTail, 1e-300)), 1 / WEIBULL_SHAPE);
  }

  private double gust(double h, double sigma) {
    if (gustAge >= GUST_S && Physics.happens(random, h, MEAN_GUST_INTERVAL_S)) {
      gustAge = 0;
      gustAmplitude = 2.5 * sigma;
    } else {
      random.nextDouble(); // keep the stream independent of the gust state
    }
    if (gustAge >= GUST_S) {
      return 0;
    }
    gustAge += h;
    return gustAmplitude / 2 * (1 - Math.cos(2 * Math.PI * Math.min(gustAge, GUST_S) / GUST_S));
  }

  private int nextState() {
    if (!running) {
      return STOPPED;
    }
    if (wind > CUT_OUT || (state == STORM && wind >= RESTART_WIND)) {
      return STORM;
    }
    if (wind < CUT_IN) {
      return IDLE;
    }
    return state == GENERATING || wind >= CONNECT_WIND ? GENERATING : IDLE;
  }

  private double output() {
    return state == GENERATING ? Math.min(powerCurve(wind), powerLimit) : 0;
  }

  private double rotorTarget() {
    if (state == GENERATING) {
      double optimal = TIP_SPEED_RATIO * wind / ROTOR_RADIUS_M * 60 / (2 * Math.PI);
      return Physics.clamp(optimal, MIN_RPM, RATED_RPM);
    }
    return state == IDLE ? Math.min(3, 0.6 * wind) : 0;
  }

  private double pitchTarget() {
    if (state == GENERATING) {
      double shedding = wind - windFor(powerLimit);
      return shedding > 0 ? Math.min(30, PITCH_PER_MS * shedding) : 0;
    }
    return state == IDLE ? 45 : 88;
  }

  private void yaw(double h) {
    if (!running) {
      return;
    }
    double error = Physics.wrap180(direction.value() + veer.value() - nacelle);
    if (Math.abs(error) > 10) {
      yawing = true;
    } else if (Math.abs(error) < 2) {
      yawing = false;
    }
    if (yawing) {
      nacelle = Physics.wrap360(nacelle + Math.signum(error) * Math.min(Math.abs(error), 0.5 * h));
    }
  }

  @Override
  void measure() {
    double noise = random.nextGaussian();
    measuredPower = power > 0 ? Physics.clamp(power + 2 * noise, 0, 2100) : 0;
  }

  /** Complementary error function, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.3275911 * z);
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
        + t * (-1.453152027 + t * 1.061405429))));
    double r = poly * Math.exp(-z * z);
    return x >= 0 ? r : 2 - r;
  }

  private static double cube(double x) {
    return x * x * x;
  }
}

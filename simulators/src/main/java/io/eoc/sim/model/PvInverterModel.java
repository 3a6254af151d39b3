package io.eoc.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A 100 kW grid-tied photovoltaic inverter with its 110 kWp array (光伏, jiangsu-2023 §三(二)1
 * 新能源设备) in Nanjing (32.06° N, 118.80° E).
 *
 * <p>Physics:
 * <ul>
 *   <li>the sun's position from the time: declination by Cooper's formula, δ = 23.45° sin(360°
 *       (284 + n) / 365), the equation of time (Spencer's short series), solar time from the
 *       longitude; cos θ_z = sin φ sin δ + cos φ cos δ cos ω;
 *   <li>clear-sky global horizontal irradiance by Haurwitz's model, 1098 cos θ_z exp(−0.059 /
 *       cos θ_z) W/m², exactly 0 with the sun below the horizon;
 *   <li>clouds by Kasten and Czeplak (1980): G = G_clear (1 − 0.75 N^3.4), the cover N a slow
 *       random walk (weather) plus a fast one (passing clouds);
 *   <li>module temperature by the NOCT model, T_m = T_a + G (NOCT − 20) / 800, NOCT 45 °C, with a
 *       5-minute lag; ambient follows the season and a daily swing peaking at 15:00;
 *   <li>DC power = G × 550 m² × 20 % × (1 − 0.35 %/K (T_m − 25)) × 97 % (wiring, soiling);
 *   <li>inverter losses by Schmidt and Sauer's model, p_0 + v P + r P² (0.2 % of rating + 1 % +
 *       0.5 % P / P_r): 98.3 % at rating; the inverter connects above 0.5 kW DC, so its output is
 *       exactly 0 at night; output is clipped at 100 kW or at the power limit;
 *   <li>the heat sink warms by ≈ 20 K at full output (10-minute lag); the daily energy counter
 *       returns to 0 at local midnight.
 * </ul>
 */
public final class PvInverterModel extends SimulatedModel {

  public static final String KIND = "pv-inverter";
  public static final double RATED_AC_KW = 100;
  public static final double LATITUDE = 32.06;
  public static final double LONGITUDE = 118.80;
  public static final double ARRAY_AREA_M2 = 550;
  public static final double MODULE_EFFICIENCY = 0.20;

  /** Operating states, the values of the {@code state} tag. */
  public static final int STANDBY = 0;
  public static final int GENERATING = 1;
  public static final int LIMITED = 2;
  public static final int STOPPED = 3;

  private static final double TEMPERATURE_COEFFICIENT = -0.0035;
  private static final double NOCT = 45;
  private static final double SYSTEM_DERATE = 0.97;
  private static final double START_KW = 0.5;

  private final boolean clouds;
  // Cloud cover around 60 %: Jiangsu's summers are cloudy (and Kasten-Czeplak is gentle below).
  private final OrnsteinUhlenbeck weather = new OrnsteinUhlenbeck(0.6, 0.6, 3 * 3600, 0.3);
  private final OrnsteinUhlenbeck passing = new OrnsteinUhlenbeck(0, 0, 120, 0.12);
  private final OrnsteinUhlenbeck ambientNoise = new OrnsteinUhlenbeck(0, 0, 2 * 3600, 1.5);

  private boolean running = true;
  private double powerLimit = 100;
  private int state = STANDBY;
  private double irradiance;
  private double ambient;
  private double module;
  private double inverter;
  private double dc;
  private double ac;
  private double dailyKwh;
  private double totalKwh;
  private long day;
  private int dayOfYear;
  // measured
  private double measuredIrradiance;

  public PvInverterModel(long seed, Instant start) {
    this(seed, start, true);
  }

  /** {@code clouds = false}: every day is clear, for tests of the daily curve. */
  public PvInverterModel(long seed, Instant start, boolean clouds) {
    super(KIND, Category.NEW_ENERGY, seed, start, Duration.ofSeconds(2));
    this.clouds = clouds;
    this.totalKwh = random.nextInt(3_000_000);
    this.day = localEpochDay();
    this.dayOfYear = LocalDate.ofEpochDay(day).getDayOfYear();
    this.ambient = ambientTemperature();
    this.irradiance = globalIrradiance();
    this.module = moduleTarget();
    convert();
    this.inverter = inverterTarget();
    table.write(TagSpec.state("running", 1, "0 stopped by operator, 1 in operation"),
            () -> running ? 1 : 0, this::setRunning)
        .read(TagSpec.state("state", 3, "0 standby (dark), 1 generating (MPPT), 2 limited,"
            + " 3 stopped"), () -> state)
        .write(TagSpec.analog("power_limit", "%", 0, 100, 0.1), () -> powerLimit,
            this::setPowerLimit)
        .read(TagSpec.analog("irradiance", "W/m²", 0, 1400, 0.1), () -> measuredIrradiance)
        .read(TagSpec.analog("ambient_temperature", "°C", -40, 60, 0.1), () -> ambient)
        .read(TagSpec.analog("module_temperature", "°C", -40, 90, 0.1), () -> module)
        .read(TagSpec.analog("dc_power", "kW", 0, 130, 0.01), () -> dc)
        .read(TagSpec.analog("ac_power", "kW", 0, 110, 0.01), () -> ac)
        .read(TagSpec.analog("inverter_temperature", "°C", -40, 100, 0.1), () -> inverter)
        .read(TagSpec.counter("daily_energy", "kWh", 2000, 0.1),
            () -> Math.floor(dailyKwh * 10) / 10)
        .read(TagSpec.counter("total_energy", "kWh", 1e9, 1), () -> Math.floor(totalKwh));
    measure();
  }

  private void setRunning(double value) {
    running = value == 1;
    convert();
  }

  private void setPowerLimit(double percent) {
    powerLimit = percent;
    convert();
  }

  @Override
  void advance(double h) {
    weather.advanceWithin(h, random, 0, 1);
    passing.advance(h, random);
    ambientNoise.advance(h, random);
    long today = localEpochDay();
    if (today != day) {
      day = today;
      dayOfYear = LocalDate.ofEpochDay(day).getDayOfYear();
      dailyKwh = 0;
    }
    ambient = ambientTemperature();
    irradiance = globalIrradiance();
    module = Physics.lag(module, moduleTarget(), 300, h);
    convert();
    inverter = Physics.lag(inverter, inverterTarget(), 600, h);
    dailyKwh += ac * h / 3600;
    totalKwh += ac * h / 3600;
  }

  /** DC and AC power and the state from irradiance, module temperature and the limits. */
  private void convert() {
    double available = irradiance * ARRAY_AREA_M2 * MODULE_EFFICIENCY / 1000 * SYSTEM_DERATE
        * (1 + TEMPERATURE_COEFFICIENT * (module - 25));
    double limit = RATED_AC_KW * powerLimit / 100;
    if (!running) {
      state = STOPPED;
      dc = 0;
      ac = 0;
    } else if (available < START_KW) {
      state = STANDBY;
      dc = 0;
      ac = 0;
    } else {
      double out = available - losses(available);
      state = out > limit ? LIMITED : GENERATING;
      ac = Math.max(0, Math.min(out, limit));
      // Clipping moves the array off its maximum power point: it delivers only what is used.
      dc = state == LIMITED ? ac + losses(ac) : available;
    }
  }

  /** Schmidt and Sauer's inverter loss model, kW. */
  private static double losses(double dcKw) {
    double p = dcKw / RATED_AC_KW;
    return RATED_AC_KW * (0.002 + 0.01 * p + 0.005 * p * p);
  }

  private double moduleTarget() {
    return ambient + irradiance * (NOCT - 20) / 800;
  }

  private double inverterTarget() {
    return ambient + 3 + 20 * ac / RATED_AC_KW;
  }

  private double ambientTemperature() {
    double seasonal = 16 + 12 * Math.cos(2 * Math.PI * (dayOfYear - 200) / 365);
    double daily = 5 * Math.sin(2 * Math.PI * (localHour() - 9) / 24);
    return seasonal + daily + ambientNoise.value();
  }

  /** Global horizontal irradiance now, W/m²; exactly 0 when the sun is down. */
  private double globalIrradiance() {
    double cosZenith = cosZenith(now());
    if (cosZenith <= 0) {
      return 0;
    }
    double clear = 1098 * cosZenith * Math.exp(-0.059 / cosZenith);
    if (!clouds) {
      return clear;
    }
    double cover = Physics.clamp(weather.value() + passing.value(), 0, 1);
    return clear * (1 - 0.75 * Math.pow(cover, 3.4));
  }

  /** Cosine of the solar zenith angle in Nanjing at {@code t}. */
  public static double cosZenith(Instant t) {
    double dayOfYear = LocalDate.ofEpochDay(Math.floorDiv(t.getEpochSecond(), 86_400L))
        .getDayOfYear();
    double utcHours = (Math.floorMod(t.getEpochSecond(), 86_400) + t.getNano() / 1e9) / 3600;
    double b = Math.toRadians(360 * (dayOfYear - 81) / 364);
    double equationOfTimeMin = 9.87 * Math.sin(2 * b) - 7.53 * Math.cos(b) - 1.5 * Math.sin(b);
    double solarHours = utcHours + LONGITUDE / 15 + equationOfTimeMin / 60;
    double hourAngle = Math.toRadians(15 * (solarHours - 12));
    double declination = Math.toRadians(23.45 * Math.sin(Math.toRadians(360 * (284 + dayOfYear)
        / 365)));
    double latitude = Math.toRadians(LATITUDE);
    return Math.sin(latitude) * Math.sin(declination)
        + Math.cos(latitude) * Math.cos(declination) * Math.cos(hourAngle);
  }

  @Override
  void measure() {
    double noise = random.nextGaussian();
    measuredIrradiance = irradiance > 0 ? Math.max(0, irradiance * (1 + 0.005 * noise)) : 0;
  }
}

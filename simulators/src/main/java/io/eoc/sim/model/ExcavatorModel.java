package io.eoc.sim.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A 20-tonne hydraulic excavator on a construction site near Nanjing (工程机械, jiangsu-2023
 * §三(二)1 智能装备), reporting like a telematics box: engine hours, fuel, hydraulic pressure and
 * position.
 *
 * <p>Behaviour:
 * <ul>
 *   <li>shifts 07:00–11:30 and 13:00–18:00 local time; in a shift it alternates between digging
 *       (mean 20 min) and waiting (mean 5 min), and sometimes tracks 20–80 m to a new spot;
 *   <li>a digging cycle takes 18 s: dig 6 s at ≈ 28 MPa, swing loaded 5 s at 18 MPa, dump 3 s at
 *       12 MPa, swing back 4 s at 9 MPa (main relief 34.3 MPa); waiting, the pumps de-stroke to
 *       ≈ 3 MPa and the engine auto-idles at 1000 rpm after 4 s (work speed 1900 rpm);
 *   <li>fuel burn is 6 L/h + 0.55 L/h per MPa of pump pressure when working (≈ 16 L/h over a
 *       cycle, typical of the class) and 3.5 L/h idling, from a 400 L tank refuelled at 06:30
 *       when below 60 %; the engine will not run below 2 %;
 *   <li>the coolant warms to 85 °C within minutes and cools over hours;
 *   <li>a remote lock (远程锁机, used by leasing companies) stops the engine and keeps it
 *       stopped: the writable {@code locked} tag.
 * </ul>
 */
public final class ExcavatorModel extends SimulatedModel {

  public static final String KIND = "excavator";
  public static final double SITE_LATITUDE = 31.95;
  public static final double SITE_LONGITUDE = 118.85;
  /** The machine stays within this distance of the site centre, m. */
  public static final double SITE_RADIUS_M = 300;
  public static final double TANK_LITRES = 400;

  private static final double[] CYCLE_S = {6, 5, 3, 4};
  private static final double[] CYCLE_MPA = {28, 18, 12, 9};
  private static final double STANDBY_MPA = 3;
  private static final double TRAVEL_MPA = 20;
  private static final double WORK_RPM = 1900;
  private static final double IDLE_RPM = 1000;
  private static final double AUTO_IDLE_S = 4;
  private static final double TRAVEL_M_PER_S = 0.8;
  private static final double METRES_PER_DEGREE = 111_320;

  private enum Activity { OFF, WAITING, DIGGING, TRAVELLING }

  private boolean locked;
  private Activity activity = Activity.OFF;
  private double activityLeft;
  private double phaseTime;
  private double travelLeft;
  private double heading;
  private double north;
  private double east;
  private double rpm;
  private double pressure;
  private double fuelRate;
  private double fuelLitres;
  private double coolant;
  private double engineHours;
  private boolean refuelledToday;
  // measured
  private double measuredPressure;

  public ExcavatorModel(long seed, Instant start) {
    super(KIND, Category.INTELLIGENT, seed, start, Duration.ofMillis(500));
    this.engineHours = 500 + random.nextInt(8000);
    this.fuelLitres = TANK_LITRES * (0.5 + 0.5 * random.nextDouble());
    this.north = (random.nextDouble() - 0.5) * SITE_RADIUS_M;
    this.east = (random.nextDouble() - 0.5) * SITE_RADIUS_M;
    this.coolant = 20;
    table.read(TagSpec.state("running", 1, "0 engine off, 1 engine on"),
            () -> activity == Activity.OFF ? 0 : 1)
        .write(TagSpec.state("locked", 1, "0 unlocked, 1 remotely locked"),
            () -> locked ? 1 : 0, this::setLocked)
        .read(TagSpec.analog("engine_speed", "rpm", 0, 2500, 0.1), () -> rpm)
        .read(TagSpec.analog("hydraulic_pressure", "MPa", 0, 40, 0.01), () -> measuredPressure)
        .read(TagSpec.analog("fuel_rate", "L/h", 0, 60, 0.01), () -> fuelRate)
        .read(TagSpec.analog("fuel_level", "%", 0, 100, 0.1),
            () -> 100 * fuelLitres / TANK_LITRES)
        .read(TagSpec.analog("coolant_temperature", "°C", -40, 120, 0.1), () -> coolant)
        .read(TagSpec.counter("engine_hours", "h", 1e8, 0.1),
            () -> Math.floor(engineHours * 10) / 10)
        .read(TagSpec.analog("latitude", "°", -90, 90, 1e-6), this::latitude)
        .read(TagSpec.analog("longitude", "°", -180, 180, 1e-6), this::longitude);
    measure();
  }

  private void setLocked(double value) {
    locked = value == 1;
    if (locked) {
      stopEngine();
    }
  }

  private void stopEngine() {
    activity = Activity.OFF;
    rpm = 0;
    pressure = 0;
    fuelRate = 0;
  }

  @Override
  void advance(double h) {
    double u = random.nextDouble();
    double duration = Physics.exponential(random, 20 * 60);
    double distance = 20 + 60 * random.nextDouble();
    double direction = 2 * Math.PI * random.nextDouble();
    refuel();
    boolean mayRun = !locked && onShift() && fuelLitres > 0.02 * TANK_LITRES;
    if (!mayRun) {
      if (activity != Activity.OFF) {
        stopEngine();
      }
    } else {
      plan(h, u, duration, distance, direction);
    }
    work(h);
    double coolantTarget = activity == Activity.OFF ? 20 : 85;
    coolant = Physics.lag(coolant, coolantTarget, activity == Activity.OFF ? 5400 : 300, h);
  }

  /** Chooses what the operator does next when the current activity is over. */
  private void plan(double h, double u, double duration, double distance, double direction) {
    activityLeft -= h;
    if (activity != Activity.OFF && activityLeft > 0) {
      return;
    }
    phaseTime = 0;
    if (activity == Activity.DIGGING && u < 0.3) {
      activity = Activity.TRAVELLING;
      travelLeft = distance;
      heading = pointInside(distance, direction) ? direction : direction + Math.PI;
      activityLeft = distance / TRAVEL_M_PER_S;
    } else if (activity == Activity.DIGGING || activity == Activity.TRAVELLING) {
      activity = Activity.WAITING;
      activityLeft = duration / 4;
    } else {
      activity = Activity.DIGGING;
      activityLeft = duration;
    }
  }

  private boolean pointInside(double distance, double direction) {
    return Math.hypot(north + distance * Math.cos(direction),
        east + distance * Math.sin(direction)) <= SITE_RADIUS_M;
  }

  private void work(double h) {
    phaseTime += h;
    double targetPressure;
    double targetRpm;
    if (activity == Activity.DIGGING) {
      targetPressure = cyclePressure(phaseTime % 18);
      targetRpm = WORK_RPM;
    } else if (activity == Activity.TRAVELLING) {
      double step = Math.min(travelLeft, TRAVEL_M_PER_S * h);
      north += step * Math.cos(heading);
      east += step * Math.sin(heading);
      double fromCentre = Math.hypot(north, east);
      if (fromCentre > SITE_RADIUS_M) { // the site fence
        north *= SITE_RADIUS_M / fromCentre;
        east *= SITE_RADIUS_M / fromCentre;
      }
      travelLeft -= step;
      targetPressure = TRAVEL_MPA;
      targetRpm = WORK_RPM;
    } else if (activity == Activity.WAITING) {
      targetPressure = STANDBY_MPA;
      targetRpm = phaseTime < AUTO_IDLE_S ? WORK_RPM : IDLE_RPM;
    } else {
      return;
    }
    pressure = Physics.lag(pressure, targetPressure, 0.3, h);
    rpm = Physics.lag(rpm, targetRpm, 1, h);
    double burn = rpm < 1200 ? 3.5 : 6 + 0.55 * pressure;
    fuelRate = Physics.lag(fuelRate, burn, 1, h);
    fuelLitres = Math.max(0, fuelLitres - fuelRate * h / 3600);
    engineHours += h / 3600;
  }

  private static double cyclePressure(double t) {
    double end = 0;
    for (int i = 0; i < CYCLE_S.length; i++) {
      end += CYCLE_S[i];
      if (t < end) {
        return CYCLE_MPA[i];
      }
    }
    return CYCLE_MPA[CYCLE_MPA.length - 1];
  }

  /** The fuel truck comes at 06:30 and fills the tank if it is below 60 %. */
  private void refuel() {
    double hour = localHour();
    if (hour >= 6.5 && hour < 7 && !refuelledToday) {
      refuelledToday = true;
      if (fuelLitres < 0.6 * TANK_LITRES) {
        fuelLitres = TANK_LITRES;
      }
    } else if (hour < 6.5) {
      refuelledToday = false;
    }
  }

  private boolean onShift() {
    double hour = localHour();
    return (hour >= 7 && hour < 11.5) || (hour >= 13 && hour < 18);
  }

  private double latitude() {
    return SITE_LATITUDE + north / METRES_PER_DEGREE;
  }

  private double longitude() {
    return SITE_LONGITUDE
        + east / (METRES_PER_DEGREE * Math.cos(Math.toRadians(SITE_LATITUDE)));
  }

  @Override
  void measure() {
    double noise = random.nextGaussian();
    measuredPressure = activity == Activity.OFF ? 0 : Math.max(0, pressure + 0.3 * noise);
  }
}

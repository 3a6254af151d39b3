package io.eoc.sim.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The physical relations between the tags of each kind of equipment, checked on plain values (as
 * a model has them, or as a master decoded them from registers), so that model tests, the demo
 * plant test and served reads are held to the same physics. Tolerances allow for sensor noise
 * and for the registers' resolution.
 */
public final class PhysicalRelations {

  /** Counters that may fall back (daily totals). */
  private static final Set<String> RESETTING = Set.of("daily_energy");

  private final List<String> violations = new ArrayList<>();
  private final Map<String, BiConsumer<Sample, Sample>> byKind = Map.of(
      BoilerEquipment.KIND, this::boiler,
      MotorModel.KIND, this::motor,
      AirCompressorModel.KIND, this::compressor,
      DieselGeneratorModel.KIND, this::generator,
      WindTurbineModel.KIND, this::wind,
      PvInverterModel.KIND, this::pv,
      CncMachineModel.KIND, this::cnc,
      ExcavatorModel.KIND, this::excavator);

  /** Values of one device at one simulated instant. */
  public record Sample(String device, String kind, Instant at, Map<String, Double> values) {
    double v(String tag) {
      Double value = values.get(tag);
      if (value == null) {
        throw new AssertionError(device + " has no tag " + tag + ": " + values);
      }
      return value;
    }

    boolean is(String tag, double value) {
      return v(tag) == value;
    }
  }

  /** Checks {@code now}, and the change since {@code before} (null for a first sample). */
  public void check(Sample before, Sample now) {
    BiConsumer<Sample, Sample> relation = byKind.get(now.kind());
    if (relation == null) {
      throw new IllegalArgumentException("no relations for " + now.kind());
    }
    relation.accept(before, now);
    if (before != null) {
      counters(before, now);
    }
  }

  /** What was violated, at most 20 entries. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  private void require(boolean ok, String what, Sample s) {
    if (!ok && violations.size() < 20) {
      violations.add(s.device() + " (" + s.kind() + ") at " + s.at() + ": " + what + " "
          + s.values());
    }
  }

  private void counters(Sample before, Sample now) {
    Models.type(now.kind()).orElseThrow().tags().stream()
        .filter(t -> t.kind() == TagKind.COUNTER && !RESETTING.contains(t.name()))
        .forEach(t -> require(now.v(t.name()) >= before.v(t.name()),
            t.name() + " never decreases", now));
  }

  private void boiler(Sample before, Sample s) {
    require(s.v("running") == 1 || s.v("fuel_flow") == 0, "no gas when stopped", s);
    require(s.v("steam_pressure") <= 1.62, "safety valve caps pressure", s);
    require(s.v("steam_temperature") >= 95 || s.v("steam_pressure") < 0.09,
        "steam at least near 100 °C", s);
  }

  private void motor(Sample before, Sample s) {
    if (s.is("running", 0)) {
      require(s.is("current", 0) && s.is("active_power", 0) && s.is("power_factor", 0),
          "no current or power when stopped", s);
      return;
    }
    double apparent = Math.sqrt(3) * s.v("voltage") * s.v("current") * s.v("power_factor");
    require(Math.abs(s.v("active_power") - apparent) <= 0.01 * s.v("active_power") + 1,
        "P = √3 U I cos φ", s);
    require(s.v("speed") <= MotorModel.SYNCHRONOUS_RPM, "no faster than synchronous speed", s);
  }

  private void compressor(Sample before, Sample s) {
    require(s.is("running", 1) || (s.is("loaded", 0) && s.is("motor_power", 0)),
        "stopped: unloaded, no power", s);
    require(Math.abs(s.v("load_pressure") - (s.v("unload_pressure") - 0.1)) < 0.0015,
        "load pressure 0.1 MPa below unload pressure", s);
    if (before != null && before.is("running", 1) && s.is("running", 1)
        && before.v("discharge_pressure") > 0.5) {
      require(s.v("discharge_pressure") >= s.v("load_pressure") - 0.006
          && s.v("discharge_pressure") <= s.v("unload_pressure") + 0.006,
          "pressure held between load and unload pressure", s);
    }
  }

  private void generator(Sample before, Sample s) {
    require(Math.abs(s.v("frequency") - s.v("engine_speed") / 30) <= 0.011,
        "f = n × 4 poles / 120", s);
    if (s.is("running", 0)) {
      require(s.is("load_kw", 0) && s.is("fuel_rate", 0), "stopped: no load, no fuel", s);
      return;
    }
    if (s.v("load_kw") > 0) {
      double expected = DieselGeneratorModel.fuelRate(s.v("load_kw"));
      require(Math.abs(s.v("fuel_rate") - expected) <= 0.08 * expected + 3,
          "fuel follows the load curve", s);
      require(Math.abs(s.v("engine_speed") - 1500) <= 60, "speed held at 1500 rpm", s);
    }
  }

  private void wind(Sample before, Sample s) {
    double v = s.v("wind_speed");
    double p = s.v("active_power");
    if (s.is("state", WindTurbineModel.GENERATING)) {
      double expected = Math.min(WindTurbineModel.powerCurve(v), s.v("power_limit"));
      require(Math.abs(p - expected) <= 15, "power on the power curve", s);
    } else {
      require(p == 0, "no power unless generating", s);
    }
    require(v >= WindTurbineModel.CUT_IN || p == 0, "no power below cut-in", s);
    require(v <= WindTurbineModel.CUT_OUT || p == 0, "no power above cut-out", s);
    require(s.is("running", 1) || s.is("state", WindTurbineModel.STOPPED),
        "operator stop stops", s);
  }

  private void pv(Sample before, Sample s) {
    boolean dark = PvInverterModel.cosZenith(s.at()) <= 0;
    require(!dark || s.is("irradiance", 0), "no irradiance at night", s);
    if (s.is("irradiance", 0)) {
      require(s.is("ac_power", 0) && s.is("dc_power", 0), "no power without light", s);
    }
    require(s.v("ac_power") <= s.v("dc_power") + 0.01, "the inverter has losses", s);
    require(s.v("ac_power") <= PvInverterModel.RATED_AC_KW * s.v("power_limit") / 100 + 0.01,
        "output within the limit", s);
  }

  private void cnc(Sample before, Sample s) {
    require(s.is("state", CncMachineModel.ALARM) == (s.v("alarm_code") != 0),
        "an alarm code exactly in alarm", s);
    require(s.is("running", 1) || !s.is("state", CncMachineModel.RUNNING),
        "feed hold stops the program", s);
    if (before != null && s.v("part_count") > before.v("part_count")) {
      require(before.is("state", CncMachineModel.RUNNING), "parts are made only running", s);
      require(s.v("part_count") - before.v("part_count") <= 1, "one part per cycle", s);
    }
  }

  private void excavator(Sample before, Sample s) {
    require(s.is("locked", 0) || s.is("running", 0), "a locked machine does not run", s);
    if (s.is("running", 0)) {
      require(s.is("engine_speed", 0) && s.is("fuel_rate", 0)
          && s.is("hydraulic_pressure", 0), "engine off: no speed, fuel or pressure", s);
    }
    double north = (s.v("latitude") - ExcavatorModel.SITE_LATITUDE) * 111_320;
    double east = (s.v("longitude") - ExcavatorModel.SITE_LONGITUDE) * 111_320
        * Math.cos(Math.toRadians(ExcavatorModel.SITE_LATITUDE));
    require(Math.hypot(north, east) <= ExcavatorModel.SITE_RADIUS_M + 2, "stays on site", s);
    if (before != null && before.is("running", 0) && s.is("running", 0)) {
      require(s.v("engine_hours") == before.v("engine_hours"), "no engine hours while off", s);
    }
  }
}

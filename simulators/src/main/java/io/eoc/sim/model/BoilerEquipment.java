package io.eoc.sim.model;

import io.eoc.sim.boiler.BoilerModel;
import io.eoc.sim.boiler.BoilerRegisterMap;
import io.eoc.sim.boiler.BoilerState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The gas-fired steam boiler ({@link BoilerModel}, 高能耗设备) as an {@link EquipmentModel}. The
 * boiler keeps its own API; this adapter adds its tags' physical ranges, the start/stop command
 * on {@code running} and the pressure set point. The first five tags are laid out exactly as
 * {@link BoilerRegisterMap#standard()}.
 */
public final class BoilerEquipment implements EquipmentModel {

  public static final String KIND = "industrial-boiler";
  public static final String PRESSURE_SET_POINT = "pressure_set_point";

  private final BoilerModel boiler;
  private final Instant start;
  private final TagTable table = new TagTable(KIND);

  public BoilerEquipment(long seed, Instant start) {
    this(new BoilerModel(seed), start);
  }

  /** Wraps {@code boiler}, whose elapsed time counts from {@code start}. */
  public BoilerEquipment(BoilerModel boiler, Instant start) {
    this.boiler = Objects.requireNonNull(boiler, "boiler");
    this.start = Objects.requireNonNull(start, "start");
    // Resolutions make the generic Modbus layout match the boiler's own map: the flow meters
    // are fine enough to need float32, pressure and temperature fit scaled 16-bit registers.
    table.read(TagSpec.analog(BoilerRegisterMap.STEAM_PRESSURE, "MPa", 0, 1.7, 0.01),
            () -> state().steamPressure())
        .read(TagSpec.analog(BoilerRegisterMap.STEAM_TEMPERATURE, "°C", -20, 250, 0.1),
            () -> state().steamTemperature())
        .read(TagSpec.analog(BoilerRegisterMap.FUEL_FLOW, "m³/h", 0, 820, 0.001),
            () -> state().fuelFlow())
        .write(TagSpec.state(BoilerRegisterMap.RUNNING, 1, "0 stopped, 1 running"),
            () -> state().running() ? 1 : 0, this::setRunning)
        .read(TagSpec.analog(BoilerRegisterMap.STEAM_FLOW, "t/h", 0, 13, 0.0001),
            () -> state().steamFlow())
        .write(TagSpec.analog(PRESSURE_SET_POINT, "MPa", BoilerModel.MIN_SET_POINT_MPA,
            BoilerModel.MAX_SET_POINT_MPA, 0.01), boiler::pressureSetPoint,
            boiler::setPressureSetPoint);
  }

  private void setRunning(double value) {
    if (value == 1) {
      boiler.start();
    } else {
      boiler.stop();
    }
  }

  /** The wrapped boiler, for its own API ({@link BoilerModel#state()}). */
  public BoilerModel boiler() {
    return boiler;
  }

  private BoilerState state() {
    return boiler.state();
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Category category() {
    return Category.HIGH_ENERGY;
  }

  @Override
  public List<TagSpec> tags() {
    return table.specs();
  }

  @Override
  public Instant now() {
    return start.plus(state().elapsed());
  }

  @Override
  public void step(Duration dt) {
    boiler.step(dt);
  }

  @Override
  public double value(String tag) {
    return table.value(tag);
  }

  @Override
  public void write(String tag, double value) {
    table.write(tag, value);
  }
}

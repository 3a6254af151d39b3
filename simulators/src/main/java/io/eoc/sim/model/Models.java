package io.eoc.sim.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every kind of simulated equipment, by kind. */
public final class Models {

  private static final Map<String, ModelType> TYPES = new LinkedHashMap<>();

  static {
    register(ModelType.of("10 t/h gas-fired steam boiler (工业锅炉)", BoilerEquipment::new));
    register(ModelType.of("630 kW 6 kV induction motor (大中型电机)", MotorModel::new));
    register(ModelType.of("132 kW screw air compressor (空压机)", AirCompressorModel::new));
    register(ModelType.of("500 kW diesel generating set (柴油发电机组)",
        DieselGeneratorModel::new));
    register(ModelType.of("2 MW wind turbine (风电机组)", WindTurbineModel::new));
    register(ModelType.of("100 kW photovoltaic inverter (光伏逆变器)", PvInverterModel::new));
    register(ModelType.of("vertical machining centre (数控机床)", CncMachineModel::new));
    register(ModelType.of("20 t hydraulic excavator (工程机械)", ExcavatorModel::new));
  }

  private Models() {}

  private static void register(ModelType type) {
    TYPES.put(type.kind(), type);
  }

  /** Every kind, in a stable order. */
  public static List<ModelType> types() {
    return List.copyOf(TYPES.values());
  }

  /** The kinds, as allowed in a scenario file. */
  public static List<String> kinds() {
    return List.copyOf(TYPES.keySet());
  }

  public static Optional<ModelType> type(String kind) {
    return Optional.ofNullable(TYPES.get(kind));
  }

  /**
   * A new model of {@code kind}.
   *
   * @throws IllegalArgumentException naming the known kinds if there is no such kind
   */
  public static EquipmentModel create(String kind, long seed, Instant start) {
    return type(kind).orElseThrow(() -> new IllegalArgumentException(
        "unknown model kind '" + kind + "'; allowed: " + String.join(", ", kinds())))
        .create(seed, start);
  }
}

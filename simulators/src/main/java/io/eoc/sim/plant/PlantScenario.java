package io.eoc.sim.plant;

import io.eoc.config.ConfigException;
import io.eoc.config.ConfigReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A simulated plant: the devices to serve and how. Read from YAML ({@link #load}, {@link #parse},
 * {@link #demo()}); every problem of a file is reported at once with file, line and what is
 * allowed.
 *
 * @param id the plant's name
 * @param devices the devices, in file order
 */
public record PlantScenario(String id, List<DeviceSpec> devices) {

  /** Class-path resource of the demo plant. */
  public static final String DEMO_RESOURCE = "plants/demo.yaml";

  public PlantScenario {
    Objects.requireNonNull(id, "id");
    devices = List.copyOf(devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("plant " + id + " has no devices");
    }
    Set<String> ids = new HashSet<>();
    for (DeviceSpec d : devices) {
      if (!ids.add(d.id())) {
        throw new IllegalArgumentException("plant " + id + ": device id " + d.id() + " twice");
      }
    }
  }

  /**
   * Reads a scenario file.
   *
   * @throws ConfigException listing every problem, each with file and line
   */
  public static PlantScenario load(Path file) {
    return PlantScenarioReader.read(ConfigReader.open(file));
  }

  /** Reads scenario text; {@code source} names it in error messages. */
  public static PlantScenario parse(String source, String yaml) {
    return PlantScenarioReader.read(ConfigReader.parse(source, yaml));
  }

  /**
   * The demo plant ({@value #DEMO_RESOURCE}): every category, over Modbus TCP, OPC UA and MQTT,
   * on ephemeral ports.
   */
  public static PlantScenario demo() {
    return parse(DEMO_RESOURCE, demoYaml());
  }

  /** The text of the demo plant, for showing or copying. */
  public static String demoYaml() {
    try (InputStream in = PlantScenario.class.getClassLoader()
        .getResourceAsStream(DEMO_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEMO_RESOURCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEMO_RESOURCE, e);
    }
  }
}

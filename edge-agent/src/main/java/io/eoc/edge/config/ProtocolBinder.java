package io.eoc.edge.config;

import io.eoc.config.ConfigNode;
import io.eoc.wire.EquipmentCategory;
import java.util.List;
import java.util.Optional;

/**
 * Binds one protocol's device settings from YAML. Every problem is reported through the node
 * (file, line, what is allowed), as everywhere in the agent's configuration.
 */
public interface ProtocolBinder {
  String protocol();

  /** The device-level fields this protocol adds to the common ones (id, name, category, ...). */
  List<String> fields();

  ProtocolDevice bind(ConfigNode device);

  /**
   * The category of a device that names none. Empty (the default): the category must be given. A
   * protocol that reads one kind of thing (the host probe: a business host) knows it.
   */
  default Optional<EquipmentCategory> defaultCategory() {
    return Optional.empty();
  }

  /** The kind of a device that names none. */
  default String defaultKind() {
    return "generic";
  }
}

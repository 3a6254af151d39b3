package io.eoc.edge.config;

import io.eoc.config.ConfigNode;
import java.util.List;

/**
 * Binds one protocol's device settings from YAML. Every problem is reported through the node
 * (file, line, what is allowed), as everywhere in the agent's configuration.
 */
public interface ProtocolBinder {
  String protocol();

  /** The device-level fields this protocol adds to the common ones (id, name, category, ...). */
  List<String> fields();

  ProtocolDevice bind(ConfigNode device);
}

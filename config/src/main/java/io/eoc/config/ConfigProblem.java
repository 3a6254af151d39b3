package io.eoc.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file: where it is (file, line, column, path) and what is
 * wrong, including what is allowed.
 */
public record ConfigProblem(String source, int line, int column, String path, String message) {

  public ConfigProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** {@code agent.yaml:12:5: devices[0].registers[2].type: unknown value 'flaot32'; allowed: ...}. */
  @Override
  public String toString() {
    String where = line > 0 ? source + ":" + line + ":" + column : source;
    return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
  }
}

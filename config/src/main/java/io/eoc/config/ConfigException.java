package io.eoc.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration file is invalid. Carries every problem found, not only the first. */
public final class ConfigException extends RuntimeException {
  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String render(List<ConfigProblem> problems) {
    String header = problems.size() == 1
        ? "invalid configuration:"
        : "invalid configuration (" + problems.size() + " problems):";
    return problems.stream()
        .map(p -> "  " + p)
        .collect(Collectors.joining(System.lineSeparator(), header + System.lineSeparator(), ""));
  }
}

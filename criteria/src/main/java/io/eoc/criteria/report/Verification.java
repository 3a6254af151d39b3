package io.eoc.criteria.report;

import java.util.List;

/** Every check of a verification, in the order made. It holds when no check failed. */
public record Verification(List<Check> checks) {
  public Verification {
    checks = List.copyOf(checks);
  }

  public boolean holds() {
    return checks.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
  }

  public List<Check> failures() {
    return checks.stream().filter(c -> c.status() == Check.Status.FAIL).toList();
  }
}

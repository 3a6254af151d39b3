package io.eoc.criteria.report;

import java.util.Objects;

/** One line of a verification: what was checked and whether it holds. A warning does not fail the verification. */
public record Check(Status status, String message) {
  public enum Status {
    OK("✓"), WARN("!"), FAIL("✗");

    private final String mark;

    Status(String mark) {
      this.mark = mark;
    }

    public String mark() {
      return mark;
    }
  }

  public Check {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  static Check ok(String message) {
    return new Check(Status.OK, message);
  }

  static Check warn(String message) {
    return new Check(Status.WARN, message);
  }

  static Check fail(String message) {
    return new Check(Status.FAIL, message);
  }

  static Check of(boolean holds, String ifOk, String ifNot) {
    return holds ? ok(ifOk) : fail(ifNot);
  }

  @Override
  public String toString() {
    return status.mark() + " " + message;
  }
}

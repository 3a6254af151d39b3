package io.eoc.wire;

/**
 * How many readings of one series the agent dropped in a batch window and why, so the cloud can
 * tell "filtered at the edge" from "never read". {@code reason} is a short name such as "nan",
 * "out-of-range", "spike", "frozen", "deadband" or "duplicate".
 */
public record DropCount(String device, String tag, String reason, long count) {

  public DropCount {
    Names.requireName(device, "device");
    Names.requireName(tag, "tag");
    Names.requireName(reason, "drop reason");
    if (count < 0) {
      throw new IllegalArgumentException("drop count must be >= 0, was " + count);
    }
  }
}

package io.eoc.edge.filter;

import io.eoc.wire.Names;
import java.util.Objects;

/** How many points of one series the chain counted for one reason since the last drain. */
public record DropCount(String device, String tag, String reason, long count) {

  public DropCount {
    Names.requireName(device, "device");
    Names.requireName(tag, "tag");
    Objects.requireNonNull(reason, "reason");
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
  }
}

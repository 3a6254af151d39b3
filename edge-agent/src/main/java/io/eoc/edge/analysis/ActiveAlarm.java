package io.eoc.edge.analysis;

import io.eoc.wire.Names;
import java.time.Instant;
import java.util.Objects;

/** An alarm that is raised now: since when, and the value that raised it. */
public record ActiveAlarm(String device, String name, String tag, Instant since, double value) {
  public ActiveAlarm {
    Names.requireName(device, "device");
    Objects.requireNonNull(name, "name");
    Names.requireName(tag, "tag");
    Objects.requireNonNull(since, "since");
  }
}

package io.eoc.edge.config;

import io.eoc.edge.filter.FilterConfig;
import io.eoc.wire.Names;
import java.util.Objects;

/** What every protocol's tag has in common: its name, engineering unit and processing filter. */
public record TagSpec(String tag, String unit, FilterConfig filter) {
  public TagSpec {
    Names.requireName(tag, "tag");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(filter, "filter");
  }
}

package io.eoc.edge.mqtt;

import com.fasterxml.jackson.core.JsonPointer;
import io.eoc.edge.config.TagSpec;
import io.eoc.edge.filter.FilterConfig;
import java.util.Objects;

/**
 * One tag read from a JSON payload: the field at {@code pointer} (RFC 6901), scaled as
 * {@code value * scale + offset}.
 */
public record MqttTag(String tag, JsonPointer pointer, String unit, double scale, double offset, FilterConfig filter) {
  public MqttTag {
    Objects.requireNonNull(pointer, "pointer");
    if (!Double.isFinite(scale) || !Double.isFinite(offset)) {
      throw new IllegalArgumentException("scale and offset must be finite");
    }
    new TagSpec(tag, unit, filter); // validates name, unit, filter
  }

  public TagSpec spec() {
    return new TagSpec(tag, unit, filter);
  }
}

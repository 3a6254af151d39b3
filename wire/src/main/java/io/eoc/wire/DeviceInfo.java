package io.eoc.wire;

import java.util.List;
import java.util.Objects;

/**
 * What the agent tells the cloud about one device: identity, category (which the equipment-access
 * indicator counts), the protocol it is read over, whether it is simulated, and its tags.
 */
public record DeviceInfo(String id, String name, EquipmentCategory category, String kind,
    String protocol, boolean simulated, List<TagInfo> tags) {

  public DeviceInfo {
    Names.requireName(id, "device id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(protocol, "protocol");
    tags = List.copyOf(tags);
  }

  /** One tag of a device and its engineering unit ("" when dimensionless). */
  public record TagInfo(String tag, String unit) {
    public TagInfo {
      Names.requireName(tag, "tag");
      Objects.requireNonNull(unit, "unit");
    }
  }
}

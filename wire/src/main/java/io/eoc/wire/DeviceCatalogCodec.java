package io.eoc.wire;

import io.eoc.wire.internal.WireReader;
import io.eoc.wire.internal.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encoding of a {@link DeviceCatalog}: "EOCD" | version u8 | agentId | at µs | devices
 * (id, name, category id, kind, protocol, simulated, [v2: expected points per hour, IEEE 754
 * double, 8 bytes big-endian], tags (tag, unit)*)* | CRC32C.
 *
 * <p>Version 2 added the expected points per hour. Catalogues of version 1 (agents not yet
 * upgraded) still decode, with 0 (plan unknown); the cloud is upgraded before its agents.
 */
public final class DeviceCatalogCodec {
  public static final int VERSION = 2;
  private static final int VERSION_WITHOUT_PLAN = 1;
  private static final byte[] MAGIC = "EOCD".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_DEVICES = 100_000;
  private static final int MAX_TAGS = 100_000;
  private static final int MAX_TEXT = 1024;

  private DeviceCatalogCodec() {}

  public static byte[] encode(DeviceCatalog catalog) {
    WireWriter w = new WireWriter(256);
    w.bytes(MAGIC).u8(VERSION).string(catalog.agentId()).zigzag(BatchCodec.micros(catalog.at()));
    w.varint(catalog.devices().size());
    for (DeviceInfo d : catalog.devices()) {
      w.string(d.id()).string(d.name()).string(d.category().id()).string(d.kind())
          .string(d.protocol()).bool(d.simulated()).fixed64(Double.doubleToLongBits(d.expectedPointsPerHour()))
          .varint(d.tags().size());
      d.tags().forEach(t -> w.string(t.tag()).string(t.unit()));
    }
    return w.finishWithChecksum();
  }

  public static DeviceCatalog decode(byte[] bytes) throws MalformedMessageException {
    WireReader r = WireReader.checked(bytes, MAGIC.length + 1);
    r.expect(MAGIC, "an eoc device catalogue");
    int version = r.u8("version");
    if (version != VERSION && version != VERSION_WITHOUT_PLAN) {
      throw new MalformedMessageException("unsupported catalogue version " + version, 4);
    }
    String agent = BatchCodec.name(r, "agent id");
    long at = r.zigzag("at");
    int count = r.count("device count", MAX_DEVICES, 7);
    List<DeviceInfo> devices = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      devices.add(device(r, version));
    }
    r.expectEnd("device catalogue");
    return new DeviceCatalog(agent, BatchCodec.instant(at), devices);
  }

  private static DeviceInfo device(WireReader r, int version) throws MalformedMessageException {
    String id = BatchCodec.name(r, "device id");
    String name = r.string("device name", MAX_TEXT);
    int at = r.position();
    String categoryId = r.string("category", MAX_TEXT);
    EquipmentCategory category = EquipmentCategory.fromId(categoryId)
        .orElseThrow(() -> new MalformedMessageException("unknown category '" + categoryId + "'", at));
    String kind = r.string("kind", MAX_TEXT);
    String protocol = r.string("protocol", MAX_TEXT);
    boolean simulated = r.bool("simulated");
    double perHour = version == VERSION_WITHOUT_PLAN ? 0 : expectedPointsPerHour(r);
    int tagCount = r.count("tag count", MAX_TAGS, 2);
    List<DeviceInfo.TagInfo> tags = new ArrayList<>(tagCount);
    for (int i = 0; i < tagCount; i++) {
      tags.add(new DeviceInfo.TagInfo(BatchCodec.name(r, "tag"), r.string("unit", MAX_TEXT)));
    }
    return new DeviceInfo(id, name, category, kind, protocol, simulated, tags, perHour);
  }

  private static double expectedPointsPerHour(WireReader r) throws MalformedMessageException {
    int at = r.position();
    double v = Double.longBitsToDouble(r.fixed64("expected points per hour"));
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw r.error("expected points per hour must be finite and >= 0, was " + v, at);
    }
    return v;
  }
}

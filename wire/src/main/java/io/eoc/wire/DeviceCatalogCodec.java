package io.eoc.wire;

import io.eoc.wire.internal.WireReader;
import io.eoc.wire.internal.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encoding of a {@link DeviceCatalog}: "EOCD" | version u8 | agentId | at µs | devices
 * (id, name, category id, kind, protocol, simulated, tags (tag, unit)*)* | CRC32C.
 */
public final class DeviceCatalogCodec {
  public static final int VERSION = 1;
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
          .string(d.protocol()).bool(d.simulated()).varint(d.tags().size());
      d.tags().forEach(t -> w.string(t.tag()).string(t.unit()));
    }
    return w.finishWithChecksum();
  }

  public static DeviceCatalog decode(byte[] bytes) throws MalformedMessageException {
    WireReader r = WireReader.checked(bytes, MAGIC.length + 1);
    r.expect(MAGIC, "an eoc device catalogue");
    int version = r.u8("version");
    if (version != VERSION) {
      throw new MalformedMessageException("unsupported catalogue version " + version, 4);
    }
    String agent = BatchCodec.name(r, "agent id");
    long at = r.zigzag("at");
    int count = r.count("device count", MAX_DEVICES, 7);
    List<DeviceInfo> devices = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      devices.add(device(r));
    }
    r.expectEnd("device catalogue");
    return new DeviceCatalog(agent, BatchCodec.instant(at), devices);
  }

  private static DeviceInfo device(WireReader r) throws MalformedMessageException {
    String id = BatchCodec.name(r, "device id");
    String name = r.string("device name", MAX_TEXT);
    int at = r.position();
    String categoryId = r.string("category", MAX_TEXT);
    EquipmentCategory category = EquipmentCategory.fromId(categoryId)
        .orElseThrow(() -> new MalformedMessageException("unknown category '" + categoryId + "'", at));
    String kind = r.string("kind", MAX_TEXT);
    String protocol = r.string("protocol", MAX_TEXT);
    boolean simulated = r.bool("simulated");
    int tagCount = r.count("tag count", MAX_TAGS, 2);
    List<DeviceInfo.TagInfo> tags = new ArrayList<>(tagCount);
    for (int i = 0; i < tagCount; i++) {
      tags.add(new DeviceInfo.TagInfo(BatchCodec.name(r, "tag"), r.string("unit", MAX_TEXT)));
    }
    return new DeviceInfo(id, name, category, kind, protocol, simulated, tags);
  }
}

package io.eoc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.wire.internal.WireWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceCatalogCodecTest {

  private static final DeviceCatalog CATALOG = new DeviceCatalog("agent-1", Instant.parse("2026-11-22T00:00:00Z"),
      List.of(new DeviceInfo("boiler-1", "1# 工业锅炉", EquipmentCategory.HIGH_ENERGY, "industrial-boiler",
          "modbus-tcp", true, List.of(new DeviceInfo.TagInfo("steam_pressure", "MPa"),
              new DeviceInfo.TagInfo("steam_temperature", "°C")), 7200),
          new DeviceInfo("meter-1", "电表", EquipmentCategory.POWER, "meter", "mqtt", false,
              List.of(new DeviceInfo.TagInfo("kw", "kW")))));

  @Test
  void roundTripKeepsEveryField() throws Exception {
    assertThat(DeviceCatalogCodec.decode(DeviceCatalogCodec.encode(CATALOG))).isEqualTo(CATALOG);
  }

  @Test
  void roundTripKeepsTheExpectedPointsPerHourOfThePollPlan() throws Exception {
    DeviceCatalog decoded = DeviceCatalogCodec.decode(DeviceCatalogCodec.encode(CATALOG));
    assertThat(decoded.devices()).extracting(DeviceInfo::expectedPointsPerHour).containsExactly(7200.0, 0.0);
  }

  @Test
  void aCatalogueOfVersionOneFromAnOlderAgentDecodesWithThePlanUnknown() throws Exception {
    DeviceCatalog decoded = DeviceCatalogCodec.decode(versionOne(CATALOG));
    assertThat(decoded).isEqualTo(new DeviceCatalog(CATALOG.agentId(), CATALOG.at(),
        CATALOG.devices().stream().map(d -> d.withExpectedPointsPerHour(0)).toList()));
  }

  @Test
  void aNegativeOrNonFiniteExpectedRateIsMalformed() {
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      byte[] bytes = versionTwoWithRate(bad);
      assertThatThrownBy(() -> DeviceCatalogCodec.decode(bytes)).isInstanceOf(MalformedMessageException.class)
          .hasMessageContaining("expected points per hour");
    }
  }

  @Test
  void pointsPerHourIsTagsTimesPollsPerHour() {
    assertThat(DeviceInfo.pointsPerHour(2, 1000)).isEqualTo(7200.0);
    assertThat(DeviceInfo.pointsPerHour(3, 7000)).isCloseTo(1542.857, org.assertj.core.data.Offset.offset(1e-3));
    assertThatThrownBy(() -> DeviceInfo.pointsPerHour(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The encoding agents used before version 2 (no expected points per hour), written out by hand. */
  private static byte[] versionOne(DeviceCatalog catalog) {
    WireWriter w = header(1, catalog).varint(catalog.devices().size());
    for (DeviceInfo d : catalog.devices()) {
      w.string(d.id()).string(d.name()).string(d.category().id()).string(d.kind()).string(d.protocol())
          .bool(d.simulated()).varint(d.tags().size());
      d.tags().forEach(t -> w.string(t.tag()).string(t.unit()));
    }
    return w.finishWithChecksum();
  }

  private static byte[] versionTwoWithRate(double rate) {
    WireWriter w = header(2, CATALOG);
    w.varint(1).string("d").string("d").string("power").string("k").string("p").bool(false)
        .fixed64(Double.doubleToLongBits(rate)).varint(0);
    return w.finishWithChecksum();
  }

  private static WireWriter header(int version, DeviceCatalog catalog) {
    WireWriter w = new WireWriter(256);
    w.bytes("EOCD".getBytes(StandardCharsets.US_ASCII)).u8(version).string(catalog.agentId())
        .zigzag(BatchCodec.micros(catalog.at()));
    return w;
  }

  @Test
  void truncatedCatalogueIsRejected() {
    byte[] bytes = DeviceCatalogCodec.encode(CATALOG);
    for (int len = 0; len < bytes.length; len++) {
      byte[] cut = Arrays.copyOf(bytes, len);
      assertThatThrownBy(() -> DeviceCatalogCodec.decode(cut)).isInstanceOf(MalformedMessageException.class);
    }
  }

  @Test
  void aBatchIsNotACatalogue() {
    byte[] batch = BatchCodec.encode(new Batch("a", 1, Instant.EPOCH, List.of()));
    assertThatThrownBy(() -> DeviceCatalogCodec.decode(batch)).hasMessageContaining("not an eoc device catalogue");
  }
}

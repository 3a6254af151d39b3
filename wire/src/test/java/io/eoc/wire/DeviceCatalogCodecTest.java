package io.eoc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceCatalogCodecTest {

  private static final DeviceCatalog CATALOG = new DeviceCatalog("agent-1", Instant.parse("2026-11-22T00:00:00Z"),
      List.of(new DeviceInfo("boiler-1", "1# 工业锅炉", EquipmentCategory.HIGH_ENERGY, "industrial-boiler",
          "modbus-tcp", true, List.of(new DeviceInfo.TagInfo("steam_pressure", "MPa"),
              new DeviceInfo.TagInfo("steam_temperature", "°C")))));

  @Test
  void roundTripKeepsEveryField() throws Exception {
    assertThat(DeviceCatalogCodec.decode(DeviceCatalogCodec.encode(CATALOG))).isEqualTo(CATALOG);
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

package io.eoc.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Guards the size target that {@link WireSizeBenchmark} reports in full. */
class WireSizeTest {

  @Test
  void sealedOneMinuteBatchesOfTheDemoBoilerTakeAtMostFourBytesPerPoint() throws Exception {
    WireSizeBenchmark.Sizes s = WireSizeBenchmark.measure(60, 1800);
    assertThat(s.perPoint(s.sealed())).isLessThanOrEqualTo(4.0);
    assertThat(s.perPoint(s.sealedSm())).isLessThanOrEqualTo(4.0);
    assertThat(s.perPoint(s.v2())).isLessThan(s.perPoint(s.v1()) / 5);
  }
}

package io.eoc.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void percentilesAreNearestRankOverWeightedMillisecondBuckets() {
    LatencyHistogram h = new LatencyHistogram(1000);
    h.record(10, 98);
    h.record(200, 1);
    h.record(750.4, 1);

    assertThat(h.count()).isEqualTo(100);
    assertThat(h.percentile(50)).isEqualTo(10);
    assertThat(h.percentile(99)).isEqualTo(200);
    assertThat(h.percentile(100)).isEqualTo(750);
    assertThat(h.max()).isEqualTo(750.4);
  }

  @Test
  void valuesBeyondTheRangeCountInTheLastBucketButKeepTheirExactMaximum() {
    LatencyHistogram h = new LatencyHistogram(100);
    h.record(5000, 1);

    assertThat(h.percentile(50)).isEqualTo(100);
    assertThat(h.max()).isEqualTo(5000);
  }

  @Test
  void anEmptyHistogramReportsNoValuesRatherThanZero() {
    assertThat(new LatencyHistogram(10).summary().get("p99")).isNull();
  }
}

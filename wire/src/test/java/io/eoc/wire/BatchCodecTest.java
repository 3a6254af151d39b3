package io.eoc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchCodecTest {
  private static final double[] SPECIAL = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
    -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 0.0, Long.MAX_VALUE, 1e-300
  };

  @Test
  void roundTripIsExactForRandomSeriesWithIrregularTimestamps() throws Exception {
    Random random = new Random(20261122L);
    for (int round = 0; round < 300; round++) {
      Batch batch = randomBatch(random);
      assertSameBatch(BatchCodec.decode(BatchCodec.encode(batch)), groupedBySeries(batch));
    }
  }

  @Test
  void version1BatchesFromOlderAgentsStillDecodeInTheirOriginalOrder() throws Exception {
    Random random = new Random(20261123L);
    for (int round = 0; round < 100; round++) {
      Batch batch = randomBatch(random);
      assertSameBatch(BatchCodec.decode(BatchCodecV1.encode(batch)), batch);
    }
  }

  @Test
  void aVersion1TestVectorWrittenByTheFirstReleaseDecodes() throws Exception {
    // Written by the version 1 encoder as released; must decode for as long as agents may run it.
    byte[] v1 = HexFormat.of().parseHex("454f43420100076167656e742d312a80a99ba5d1b6b0060208626f696c65722d310e737465"
        + "616d5f707265737375726508626f696c65722d3111737465616d5f74656d70657261747572650300003ff400000000000000"
        + "01004067d00000000000000080897a7ff800000000000002d2d022eb");
    Instant t = Instant.parse("2026-11-22T10:00:00.123456Z");
    assertThat(BatchCodec.decode(v1)).isEqualTo(new Batch("agent-1", 42, t, List.of(
        Point.good("boiler-1", "steam_pressure", t, 1.25),
        Point.good("boiler-1", "steam_temperature", t, 190.5),
        Point.bad("boiler-1", "steam_pressure", t.plusSeconds(1), Quality.BAD_NO_COMMUNICATION))));
  }

  @Test
  void encodeWritesVersion2() {
    assertThat(BatchCodec.encode(new Batch("a1", 1, Instant.EPOCH, List.of()))[4]).isEqualTo((byte) 2);
  }

  @Test
  void dropCountsRoundTrip() throws Exception {
    Instant t = Instant.parse("2026-11-22T10:00:00Z");
    Batch batch = new Batch("a1", 3, t, List.of(Point.good("boiler-1", "fuel_flow", t, 512.5)),
        List.of(new DropCount("boiler-1", "fuel_flow", "spike", 2), new DropCount("boiler-1", "running", "frozen", 59),
            new DropCount("boiler-2", "steam_flow", "nan", Long.MAX_VALUE)));
    assertThat(BatchCodec.decode(BatchCodec.encode(batch))).isEqualTo(batch);
  }

  @Test
  void everyTruncationIsRejectedWithAnError() {
    byte[] bytes = BatchCodec.encode(randomBatch(new Random(1)));
    for (int len = 0; len < bytes.length; len++) {
      byte[] cut = Arrays.copyOf(bytes, len);
      assertThatThrownBy(() -> BatchCodec.decode(cut)).isInstanceOf(MalformedMessageException.class);
    }
  }

  @Test
  void everyAlteredByteIsDetected() {
    byte[] bytes = BatchCodec.encode(randomBatch(new Random(2)));
    for (int i = 0; i < bytes.length; i++) {
      byte[] altered = bytes.clone();
      altered[i] ^= 0x10;
      assertThatThrownBy(() -> BatchCodec.decode(altered)).isInstanceOf(MalformedMessageException.class);
    }
  }

  @Test
  void randomGarbageNeverCrashesOrHangs() {
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      byte[] junk = new byte[random.nextInt(200)];
      random.nextBytes(junk);
      if (junk.length > 4) {
        System.arraycopy("EOCB".getBytes(), 0, junk, 0, 4);
      }
      assertThatThrownBy(() -> BatchCodec.decode(junk)).isInstanceOf(MalformedMessageException.class);
    }
  }

  @Test
  void unknownVersionIsNamedInTheError() {
    byte[] bytes = BatchCodec.encode(new Batch("a1", 1, Instant.EPOCH, List.of()));
    bytes[4] = 9;
    byte[] resealed = reseal(bytes);
    assertThatThrownBy(() -> BatchCodec.decode(resealed)).hasMessageContaining("unsupported batch version 9");
  }

  @Test
  void timestampsKeepMicrosecondPrecision() throws Exception {
    Instant t = Instant.parse("2026-11-22T10:00:00.123456789Z");
    Batch batch = new Batch("a1", 7, t, List.of(Point.good("d", "t", t, 1.5)));
    assertThat(BatchCodec.decode(BatchCodec.encode(batch)).points().get(0).timestamp())
        .isEqualTo(t.truncatedTo(ChronoUnit.MICROS));
  }

  /** Version 2 returns points grouped by series, in order of first appearance, each series in order. */
  static Batch groupedBySeries(Batch batch) {
    Map<String, List<Point>> series = new LinkedHashMap<>();
    batch.points().forEach(p -> series.computeIfAbsent(p.seriesKey(), k -> new ArrayList<>()).add(p));
    List<Point> grouped = series.values().stream().flatMap(List::stream).toList();
    return new Batch(batch.agentId(), batch.sequence(), batch.createdAt(), grouped, batch.dropped());
  }

  /** Equal field by field, values compared by raw bits (so NaN payloads and -0.0 count). */
  static void assertSameBatch(Batch got, Batch want) {
    assertThat(got.agentId()).isEqualTo(want.agentId());
    assertThat(got.sequence()).isEqualTo(want.sequence());
    assertThat(got.createdAt()).isEqualTo(want.createdAt());
    assertThat(got.dropped()).isEqualTo(want.dropped());
    assertThat(got.points()).hasSameSizeAs(want.points());
    for (int i = 0; i < want.size(); i++) {
      Point w = want.points().get(i);
      Point g = got.points().get(i);
      // Compared by hand first: AssertJ per field per point would dominate the run time.
      boolean same = g.device().equals(w.device()) && g.tag().equals(w.tag()) && g.timestamp().equals(w.timestamp())
          && g.quality() == w.quality() && Double.doubleToRawLongBits(g.value()) == Double.doubleToRawLongBits(w.value());
      if (!same) {
        assertThat(g.seriesKey()).as("series of point %d", i).isEqualTo(w.seriesKey());
        assertThat(g.timestamp()).as("timestamp of point %d", i).isEqualTo(w.timestamp());
        assertThat(g.quality()).as("quality of point %d", i).isEqualTo(w.quality());
        assertThat(Double.doubleToRawLongBits(g.value())).as("value bits of point %d", i)
            .isEqualTo(Double.doubleToRawLongBits(w.value()));
      }
    }
  }

  static byte[] reseal(byte[] bytes) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    long c = crc.getValue();
    for (int i = 0; i < 4; i++) {
      bytes[bytes.length - 4 + i] = (byte) (c >>> (24 - 8 * i));
    }
    return bytes;
  }

  static Batch randomBatch(Random random) {
    Instant created = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000));
    int seriesCount = 1 + random.nextInt(8);
    List<Point> points = new ArrayList<>();
    Instant ts = created.minusSeconds(random.nextInt(3600));
    for (int i = 0, n = random.nextInt(400); i < n; i++) {
      ts = ts.plus(random.nextInt(3) == 0 ? -random.nextInt(5000) : random.nextInt(2_000_000), ChronoUnit.MICROS);
      double value = random.nextInt(10) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : random.nextGaussian() * 1e3;
      Quality q = Quality.values()[random.nextInt(Quality.values().length)];
      points.add(new Point("dev-" + random.nextInt(seriesCount), "tag." + random.nextInt(3), ts, value, q));
    }
    return new Batch("agent-" + random.nextInt(5), Math.abs(random.nextLong()) % Long.MAX_VALUE, created, points);
  }
}

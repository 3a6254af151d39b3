package io.eoc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
      Batch decoded = BatchCodec.decode(BatchCodec.encode(batch));
      assertThat(decoded.agentId()).isEqualTo(batch.agentId());
      assertThat(decoded.sequence()).isEqualTo(batch.sequence());
      assertThat(decoded.createdAt()).isEqualTo(batch.createdAt());
      assertThat(decoded.points()).hasSameSizeAs(batch.points());
      for (int i = 0; i < batch.size(); i++) {
        Point want = batch.points().get(i);
        Point got = decoded.points().get(i);
        assertThat(got.seriesKey()).isEqualTo(want.seriesKey());
        assertThat(got.timestamp()).isEqualTo(want.timestamp());
        assertThat(got.quality()).isEqualTo(want.quality());
        assertThat(Double.doubleToRawLongBits(got.value())).isEqualTo(Double.doubleToRawLongBits(want.value()));
      }
    }
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

  private static byte[] reseal(byte[] bytes) {
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

package io.eoc.wire;

import static io.eoc.wire.BatchCodecTest.assertSameBatch;
import static io.eoc.wire.BatchCodecTest.groupedBySeries;
import static io.eoc.wire.BatchCodecTest.reseal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.eoc.wire.internal.WireWriter;
import io.eoc.wire.internal.Zstd;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchCodecV2Test {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void everyPointRoundTripsExactlyOverHundredsOfRandomBatches() throws Exception {
    RandomBatches batches = new RandomBatches(20261122L);
    for (int round = 0; round < 300; round++) {
      Batch batch = batches.next();
      assertSameBatch(BatchCodec.decode(BatchCodec.encode(batch)), groupedBySeries(batch));
    }
  }

  @Test
  void emptyBatchAndSinglePointSeriesRoundTrip() throws Exception {
    Batch empty = new Batch("a1", 0, T0, List.of());
    assertThat(BatchCodec.decode(BatchCodec.encode(empty))).isEqualTo(empty);
    Batch single = new Batch("a1", 1, T0, List.of(Point.good("d", "t", T0.minusSeconds(1), -0.0)));
    assertSameBatch(BatchCodec.decode(BatchCodec.encode(single)), single);
  }

  @Test
  void manySeriesRoundTrip() throws Exception {
    List<Point> points = new ArrayList<>();
    for (int s = 0; s < 3000; s++) {
      points.add(Point.good("device-" + s / 10, "tag-" + s % 10, T0.plusMillis(s), s * 0.5));
      points.add(Point.good("device-" + s / 10, "tag-" + s % 10, T0.plusMillis(s + 1000), s * 0.25));
    }
    Batch batch = new Batch("a1", 9, T0, points);
    assertSameBatch(BatchCodec.decode(BatchCodec.encode(batch)), groupedBySeries(batch));
  }

  @Test
  void scaledRegisterValuesBecomeSmallIntegersAndSharedTimestampsAreStoredOnce() throws Exception {
    List<Point> points = new ArrayList<>();
    Random random = new Random(5);
    int raw = 120;
    for (int i = 0; i < 600; i++) {
      Instant t = T0.plusSeconds(i).plusNanos(random.nextInt(5_000) * 1000L);
      raw += random.nextInt(3) - 1;
      points.add(Point.good("boiler-1", "pressure", t, raw * 0.01));
      points.add(Point.good("boiler-1", "temperature", t, (1900 + raw) / 10.0));
      points.add(Point.good("boiler-1", "running", t, 1));
    }
    Batch batch = new Batch("a1", 1, T0, points);
    byte[] bytes = BatchCodec.encode(batch);
    assertSameBatch(BatchCodec.decode(bytes), groupedBySeries(batch));
    // Values about 2 bits, timestamps about 14 bits once per read, "running" almost nothing.
    assertThat(bytes.length).isLessThan(points.size());
  }

  @Test
  void aNaNAmongDecimalsStaysAnExceptionInsteadOfSpoilingTheSeries() throws Exception {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      boolean bad = i % 50 == 7;
      points.add(bad ? Point.bad("d", "t", T0.plusSeconds(i), Quality.BAD_NO_COMMUNICATION)
          : Point.good("d", "t", T0.plusSeconds(i), (1000 + i % 7) * 0.01));
    }
    Batch batch = new Batch("a1", 1, T0, points);
    byte[] bytes = BatchCodec.encode(batch);
    assertSameBatch(BatchCodec.decode(bytes), batch);
    assertThat(bytes.length).isLessThan(200);
  }

  @Test
  void float32ReadingsAreStoredAsDeltasOfTheirBitsAndBeatXor() throws Exception {
    Random random = new Random(6);
    List<Point> points = new ArrayList<>();
    double flow = 500;
    for (int i = 0; i < 300; i++) {
      flow += random.nextGaussian();
      double value = i == 100 ? Double.NaN : (float) (flow + random.nextGaussian() * 5);
      points.add(Point.good("d", "fuel_flow", T0.plusSeconds(i), value));
    }
    Batch batch = new Batch("a1", 1, T0, points);
    byte[] bytes = BatchCodec.encode(batch);
    assertSameBatch(BatchCodec.decode(bytes), batch);
    // About 22 bits a value, close to the noise's entropy; XOR (Gorilla) needs about 33 here.
    assertThat(bytes.length).isLessThan(300 * 23 / 8 + 60);
  }

  @Test
  void millisecondTimestampsAreDividedByTheirCommonUnit() throws Exception {
    Random random = new Random(9);
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      points.add(Point.good("d", "t", T0.plusSeconds(i).plusMillis(random.nextInt(4)), 1));
    }
    Batch batch = new Batch("a1", 1, T0, points);
    byte[] bytes = BatchCodec.encode(batch);
    assertSameBatch(BatchCodec.decode(bytes), batch);
    assertThat(bytes.length).as("about 3 bits a timestamp").isLessThan(300 * 4 / 8 + 40);
  }

  @Test
  void theBodyIsCompressedWhenThatMakesItSmaller() throws Exception {
    List<Point> points = new ArrayList<>();
    for (int s = 0; s < 200; s++) {
      points.add(Point.good("compressor-station-" + s / 4, "discharge_pressure_bar_" + s % 4, T0, 7.25));
    }
    Batch batch = new Batch("a1", 1, T0, points);
    byte[] bytes = BatchCodec.encode(batch);
    assertThat(bytes[5]).as("zstd flag").isEqualTo((byte) 1);
    assertThat(bytes.length).isLessThan(BatchBodyV2.write(batch).length / 2);
    assertSameBatch(BatchCodec.decode(bytes), batch);
  }

  @Test
  void everyTruncationAndEverySingleBitFlipIsRejected() {
    byte[] bytes = BatchCodec.encode(new RandomBatches(7, true).next());
    assertThat(bytes.length).as("a batch worth damaging").isGreaterThan(200);
    for (int len = 0; len < bytes.length; len++) {
      byte[] cut = Arrays.copyOf(bytes, len);
      assertThatThrownBy(() -> BatchCodec.decode(cut)).isInstanceOf(MalformedMessageException.class);
    }
    for (int bit = 0; bit < bytes.length * 8; bit++) {
      byte[] flipped = bytes.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> BatchCodec.decode(flipped)).isInstanceOf(MalformedMessageException.class);
    }
  }

  @Test
  void bitFlipsBehindAValidChecksumDecodeOrFailOnlyAsMalformed() {
    // The checksum hides the structural decoder from random damage; recomputing it after each flip
    // feeds the damage through (zstd included), as a forger would.
    RandomBatches batches = new RandomBatches(8, true);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int round = 0; round < 8; round++) {
        Batch batch = batches.next();
        byte[] bytes = round % 2 == 0 ? BatchCodec.encode(batch) : uncompressed(batch);
        for (int bit = 0; bit < (bytes.length - 4) * 8; bit++) {
          byte[] flipped = bytes.clone();
          flipped[bit / 8] ^= (byte) (1 << (bit % 8));
          decodesOrIsMalformed(reseal(flipped));
        }
      }
    });
  }

  @Test
  void tenThousandRandomInputsWithValidChecksumsNeverCrashOrHang() {
    Random random = new Random(3);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 10_000; i++) {
        byte[] body = new byte[random.nextInt(300)];
        random.nextBytes(body);
        int flags = random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(2);
        byte[] claimed = flags == 1 && random.nextBoolean() ? Zstd.compress(body) : body;
        int declared = random.nextBoolean() ? body.length : random.nextInt(Integer.MAX_VALUE);
        WireWriter w = new WireWriter(body.length + 32).bytes(BatchCodec.MAGIC).u8(2).u8(flags)
            .string("agent-1").varint(random.nextInt(100)).zigzag(random.nextLong()).varint(declared).bytes(claimed);
        decodesOrIsMalformed(random.nextInt(10) == 0 ? body : w.finishWithChecksum());
      }
    });
  }

  @Test
  void aDecompressionBombIsRefused() {
    byte[] zeros = new byte[70 << 20];
    byte[] bomb = Zstd.compress(zeros);
    assertThat(bomb.length).isLessThan(100_000);
    // Declared within the cap, but the frame holds 70 MiB.
    assertThatThrownBy(() -> BatchCodec.decode(v2(1, 4096, bomb)))
        .isInstanceOf(MalformedMessageException.class).hasMessageContaining("zstd frame declares");
    // A small honest frame followed by the bomb: the output buffer is exactly as big as declared.
    byte[] honest = Zstd.compress(new byte[4096]);
    byte[] twoFrames = Arrays.copyOf(honest, honest.length + bomb.length);
    System.arraycopy(bomb, 0, twoFrames, honest.length, bomb.length);
    assertThatThrownBy(() -> BatchCodec.decode(v2(1, 4096, twoFrames)))
        .isInstanceOf(MalformedMessageException.class).hasMessageContaining("corrupt zstd body");
    // Declared beyond the cap: refused before anything is allocated.
    assertThatThrownBy(() -> BatchCodec.decode(v2(1, (64 << 20) + 1, bomb)))
        .isInstanceOf(MalformedMessageException.class).hasMessageContaining("body length");
  }

  @Test
  void absurdCountsAreRefused() {
    byte[] hugeSeries = new WireWriter(16).varint(0).varint(Integer.MAX_VALUE).toByteArray();
    assertThatThrownBy(() -> BatchCodec.decode(v2(0, hugeSeries.length, hugeSeries)))
        .hasMessageContaining("series count");
    byte[] hugePoints = new WireWriter(32).varint(2).string("d").string("t").varint(1).varint(0).varint(1)
        .varint(BatchCodec.MAX_POINTS + 1L).bytes(new byte[16]).toByteArray();
    assertThatThrownBy(() -> BatchCodec.decode(v2(0, hugePoints.length, hugePoints)))
        .hasMessageContaining("point count");
  }

  private static void decodesOrIsMalformed(byte[] bytes) {
    try {
      BatchCodec.decode(bytes);
    } catch (MalformedMessageException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  /** A v2 message with the body as given, not compressed. */
  private static byte[] uncompressed(Batch batch) {
    byte[] body = BatchBodyV2.write(batch);
    return v2(0, body.length, body);
  }

  private static byte[] v2(int flags, int declared, byte[] body) {
    return new WireWriter(body.length + 32).bytes(BatchCodec.MAGIC).u8(2).u8(flags).string("a1").varint(1)
        .zigzag(0).varint(declared).bytes(body).finishWithChecksum();
  }
}

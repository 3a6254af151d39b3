package io.eoc.wire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random batches that exercise every column encoding: regular, jittered, irregular and
 * non-monotonic timestamps (shared by the tags of one device or not), XOR-worthy doubles, float32
 * readings, exact decimals of both reconstructions, huge integers, special values (NaN with
 * payloads, ±Inf, -0.0, extremes), runs of bad qualities, single-point series, drop counts.
 */
final class RandomBatches {
  private static final double[] SPECIAL = {
    Double.NaN, Double.longBitsToDouble(0x7ff0_0000_0000_0001L), Double.longBitsToDouble(0xfff8_dead_beef_0001L),
    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE,
    Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -0.0, 0.0, Long.MAX_VALUE, Long.MIN_VALUE, 1e-300,
    0x1p53 + 2, 9.007199254740993E15
  };
  private static final String[] REASONS = {"nan", "out-of-range", "spike", "frozen", "deadband", "duplicate"};

  private final Random random;
  private final boolean small;

  RandomBatches(long seed) {
    this(seed, false);
  }

  /** {@code small}: at most 3 devices of 3 tags and 40 reads, for tests that try every byte. */
  RandomBatches(long seed, boolean small) {
    this.random = new Random(seed);
    this.small = small;
  }

  Batch next() {
    Instant created = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000));
    List<Point> points = new ArrayList<>();
    int devices = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(small ? 3 : random.nextInt(8) == 0 ? 40 : 4);
    for (int d = 0; d < devices; d++) {
      device("dev-" + d, created, points);
    }
    if (random.nextBoolean()) {
      shuffleSomewhat(points);
    }
    List<DropCount> drops = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      drops.add(new DropCount("dev-" + random.nextInt(5), "tag" + random.nextInt(3), REASONS[random.nextInt(REASONS.length)],
          random.nextInt(3) == 0 ? Math.abs(random.nextLong()) : random.nextInt(100)));
    }
    return new Batch("agent-" + random.nextInt(5), Math.abs(random.nextLong()) % Long.MAX_VALUE, created, points, drops);
  }

  private void device(String device, Instant created, List<Point> points) {
    int n = random.nextInt(5) == 0 ? 1 : 1 + random.nextInt(small ? 40 : 300);
    long[] micros = timestamps(created, n);
    int tags = 1 + random.nextInt(small ? 3 : 5);
    boolean shared = random.nextInt(4) != 0;
    for (int t = 0; t < tags; t++) {
      long[] ts = shared ? micros : timestamps(created, n);
      double[] values = values(n);
      Quality[] q = qualities(n);
      for (int i = 0; i < n; i++) {
        Instant at = Instant.EPOCH.plus(ts[i], ChronoUnit.MICROS);
        points.add(new Point(device, "tag" + t, at, values[i], q[i]));
      }
    }
  }

  private long[] timestamps(Instant created, int n) {
    long[] ts = new long[n];
    long t = ChronoUnit.MICROS.between(Instant.EPOCH, created) - random.nextInt(3_600_000) * 1000L;
    int style = random.nextInt(5);
    if (style == 4) {
      // Extremes: far past or far future, still within what Instant holds in microseconds.
      t = random.nextBoolean() ? -62_000_000_000_000_000L : 253_000_000_000_000_000L;
    }
    for (int i = 0; i < n; i++) {
      t += switch (style) {
        case 0 -> 1_000_000;
        case 1 -> 1_000_000 + random.nextInt(10_001) - 5_000;
        case 2 -> random.nextInt(2_000_000);
        default -> random.nextInt(3) == 0 ? -random.nextInt(5_000_000) : random.nextInt(2_000_000);
      };
      ts[i] = t;
    }
    return ts;
  }

  private double[] values(int n) {
    double[] v = new double[n];
    int style = random.nextInt(7);
    double x = random.nextGaussian() * 100;
    long k = random.nextInt(2000) - 1000;
    for (int i = 0; i < n; i++) {
      k += random.nextInt(5) - 2;
      x += random.nextGaussian();
      v[i] = switch (style) {
        case 0 -> x;
        case 1 -> (double) (float) x;
        case 2 -> k * 0.01;
        case 3 -> k / 10.0;
        case 4 -> k + (1L << 53) * (random.nextInt(50) == 0 ? 1 : 0);
        case 5 -> 42.0;
        default -> random.nextLong() * 1e-3;
      };
      if (random.nextInt(12) == 0) {
        v[i] = SPECIAL[random.nextInt(SPECIAL.length)];
      }
    }
    return v;
  }

  private Quality[] qualities(int n) {
    Quality[] q = new Quality[n];
    boolean allGood = random.nextBoolean();
    Quality current = Quality.GOOD;
    for (int i = 0; i < n; i++) {
      if (!allGood && random.nextInt(20) == 0) {
        current = Quality.values()[random.nextInt(Quality.values().length)];
      }
      q[i] = current;
    }
    return q;
  }

  private void shuffleSomewhat(List<Point> points) {
    for (int i = points.size() - 1; i > 0; i -= 1 + random.nextInt(3)) {
      int j = Math.max(0, i - random.nextInt(10));
      Point tmp = points.get(i);
      points.set(i, points.get(j));
      points.set(j, tmp);
    }
  }
}

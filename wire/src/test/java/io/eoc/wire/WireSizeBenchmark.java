package io.eoc.wire;

import io.eoc.wire.seal.AgentKeys;
import io.eoc.wire.seal.BatchSealer;
import io.eoc.wire.seal.CloudKeys;
import io.eoc.wire.seal.NonceSource;
import io.eoc.wire.seal.RotationPolicy;
import io.eoc.wire.seal.Suite;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes per point of the demo boiler's telemetry in each encoding, for batch windows of 10 s, 60 s
 * and 300 s, averaged over six hours of data. Run after {@code ./mvnw -q -B -o -pl wire install}:
 *
 * <pre>
 * cd wire &amp;&amp; java -cp target/test-classes:target/classes:$HOME/.m2/repository/io/airlift/aircompressor/2.0.3/aircompressor-2.0.3.jar:$HOME/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.86/bcprov-jdk18on-1.86.jar io.eoc.wire.WireSizeBenchmark
 * </pre>
 */
public final class WireSizeBenchmark {
  static final Instant START = Instant.parse("2026-11-22T08:00:00Z");
  private static final int HOURS = 6;

  /** Total bytes of one encoding over all batches, and the points they carried. */
  record Sizes(long points, long json, long v1, long v2, long sealed, long sealedSm, int batches) {
    double perPoint(long bytes) {
      return (double) bytes / points;
    }
  }

  public static void main(String[] args) throws Exception {
    System.out.printf("demo boiler, 5 tags at 1 s, %d h of data; bytes per point%n", HOURS);
    System.out.printf("%-8s %8s %8s %8s %8s %10s %10s%n", "window", "pts/batch", "JSON", "v1", "v2",
        "v2 sealed", "sealed SM");
    for (int window : new int[] {10, 60, 300}) {
      Sizes s = measure(window, HOURS * 3600);
      System.out.printf("%-8s %8d %8.2f %8.2f %8.2f %10.2f %10.2f%n", window + " s", s.points() / s.batches(),
          s.perPoint(s.json()), s.perPoint(s.v1()), s.perPoint(s.v2()), s.perPoint(s.sealed()),
          s.perPoint(s.sealedSm()));
    }
  }

  static Sizes measure(int windowSeconds, int totalSeconds) throws Exception {
    BoilerData data = new BoilerData(42, START);
    BatchSealer sealer = sealer(Suite.DEFAULT);
    BatchSealer sealerSm = sealer(Suite.SM);
    long points = 0;
    long json = 0;
    long v1 = 0;
    long v2 = 0;
    long sealed = 0;
    long sealedSm = 0;
    int batches = totalSeconds / windowSeconds;
    for (int seq = 1; seq <= batches; seq++) {
      Instant created = START.plusSeconds((long) seq * windowSeconds);
      Batch batch = new Batch("agent-1", seq, created, data.next(windowSeconds));
      points += batch.size();
      json += BoilerData.json(batch).getBytes(StandardCharsets.UTF_8).length;
      v1 += BatchCodecV1.encode(batch).length;
      v2 += BatchCodec.encode(batch).length;
      sealed += sealer.seal(batch).size();
      sealedSm += sealerSm.seal(batch).size();
    }
    return new Sizes(points, json, v1, v2, sealed, sealedSm, batches);
  }

  private static BatchSealer sealer(Suite suite) {
    AtomicLong counter = new AtomicLong();
    NonceSource nonces = counter::getAndIncrement;
    return new BatchSealer("agent-1", AgentKeys.generate(suite), CloudKeys.generate(suite).publicKey(suite), nonces,
        RotationPolicy.DEFAULT, Clock.fixed(START, ZoneOffset.UTC));
  }
}

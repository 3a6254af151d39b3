package io.eoc.wire;

import io.eoc.wire.internal.WireReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The versioned binary encoding of a {@link Batch}. {@link #encode} writes version {@value #VERSION}
 * (columnar and compressed, {@link BatchCodecV2}); {@link #decode} reads every version ever written
 * (1: row format, {@link BatchCodecV1}), so the cloud accepts batches from older agents.
 *
 * <p>Every version starts {@code "EOCB" | version u8} and ends with a CRC32C (Castagnoli, RFC 3720
 * §12.1) of all preceding bytes, big-endian. Malformed input of any kind is a
 * {@link MalformedMessageException} naming what and where; never a JDK exception, a huge
 * allocation or a hang.
 *
 * <p>Point order: version 2 returns points grouped by series (in order of each series' first
 * point), each series in its original order; version 1 keeps the original order.
 */
public final class BatchCodec {
  public static final int VERSION = 2;
  static final int MAX_POINTS = 1_000_000;
  static final int MAX_SERIES = 100_000;
  static final byte[] MAGIC = "EOCB".getBytes(StandardCharsets.US_ASCII);

  /** Reads the rest of a batch once magic and version are consumed. */
  interface VersionDecoder {
    Batch decode(WireReader r) throws MalformedMessageException;
  }

  private static final Map<Integer, VersionDecoder> DECODERS =
      Map.of(BatchCodecV1.VERSION, BatchCodecV1::decode, BatchCodecV2.VERSION, BatchCodecV2::decode);

  private BatchCodec() {}

  public static byte[] encode(Batch batch) {
    return BatchCodecV2.encode(batch);
  }

  public static Batch decode(byte[] bytes) throws MalformedMessageException {
    WireReader r = WireReader.checked(bytes, MAGIC.length + 2);
    r.expect(MAGIC, "an eoc batch");
    int version = r.u8("version");
    VersionDecoder decoder = DECODERS.get(version);
    if (decoder == null) {
      throw new MalformedMessageException("unsupported batch version " + version + " (this build reads "
          + BatchCodecV1.VERSION + " and " + BatchCodecV2.VERSION + ")", 4);
    }
    return decoder.decode(r);
  }

  static Batch batch(String agent, long sequence, long created, List<Point> points, List<DropCount> dropped)
      throws MalformedMessageException {
    try {
      return new Batch(agent, sequence, instant(created), points, dropped);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("invalid batch: " + e.getMessage(), 0);
    }
  }

  static String name(WireReader r, String what) throws MalformedMessageException {
    int at = r.position();
    String s = r.string(what, Names.MAX_LENGTH);
    if (!Names.isValid(s)) {
      throw r.error(what + " '" + s + "' is not a valid name", at);
    }
    return s;
  }

  static long sequence(WireReader r) throws MalformedMessageException {
    int at = r.position();
    long sequence = r.varint("sequence");
    if (sequence < 0) {
      throw r.error("sequence " + Long.toUnsignedString(sequence) + " exceeds 2^63-1", at);
    }
    return sequence;
  }

  /** Microseconds since the epoch; any instant within ±292,000 years (ChronoUnit would stop at ±292). */
  static long micros(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("timestamp " + t + " is beyond the wire's range of ±2^63 µs", e);
    }
  }

  static Instant instant(long micros) throws MalformedMessageException {
    try {
      return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new MalformedMessageException("timestamp out of range: " + micros + " µs", 0);
    }
  }
}

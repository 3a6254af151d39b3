package io.eoc.wire;

import io.eoc.wire.internal.WireReader;
import io.eoc.wire.internal.WireWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versioned binary encoding of a {@link Batch}.
 *
 * <pre>
 * "EOCB" | version u8 | flags u8 (0) | agentId str | sequence varint | createdAt µs zigzag
 * | seriesCount varint | (device str, tag str)*
 * | pointCount varint | (seriesIndex varint, Δts µs zigzag from previous point, value f64, quality u8)*
 * | CRC32C of all preceding bytes (4, big-endian)
 * </pre>
 *
 * Version 1 is row-oriented with a series dictionary; a decoder keeps reading every version it
 * ever wrote, so the cloud accepts batches from older agents.
 */
public final class BatchCodec {
  public static final int VERSION = 1;
  static final int MAX_POINTS = 1_000_000;
  static final int MAX_SERIES = 100_000;
  private static final byte[] MAGIC = "EOCB".getBytes(StandardCharsets.US_ASCII);

  private BatchCodec() {}

  public static byte[] encode(Batch batch) {
    Map<String, Integer> seriesIndex = new LinkedHashMap<>();
    List<Point> series = new ArrayList<>();
    for (Point p : batch.points()) {
      if (seriesIndex.putIfAbsent(p.seriesKey(), seriesIndex.size()) == null) {
        series.add(p);
      }
    }
    WireWriter w = new WireWriter(64 + batch.size() * 12);
    w.bytes(MAGIC).u8(VERSION).u8(0)
        .string(batch.agentId()).varint(batch.sequence()).zigzag(micros(batch.createdAt()));
    w.varint(series.size());
    for (Point s : series) {
      w.string(s.device()).string(s.tag());
    }
    w.varint(batch.size());
    long previous = micros(batch.createdAt());
    for (Point p : batch.points()) {
      long ts = micros(p.timestamp());
      w.varint(seriesIndex.get(p.seriesKey())).zigzag(ts - previous)
          .fixed64(Double.doubleToRawLongBits(p.value())).u8(p.quality().code());
      previous = ts;
    }
    return w.finishWithChecksum();
  }

  public static Batch decode(byte[] bytes) throws MalformedMessageException {
    WireReader r = WireReader.checked(bytes, MAGIC.length + 2);
    r.expect(MAGIC, "an eoc batch");
    int version = r.u8("version");
    if (version != VERSION) {
      throw new MalformedMessageException("unsupported batch version " + version + " (this build reads 1)", 4);
    }
    int flags = r.u8("flags");
    if (flags != 0) {
      throw new MalformedMessageException("unsupported batch flags " + flags, 5);
    }
    String agent = name(r, "agent id");
    long sequence = r.varint("sequence");
    long created = r.zigzag("createdAt");
    int seriesCount = r.count("series count", MAX_SERIES, 2);
    String[][] series = new String[seriesCount][];
    for (int i = 0; i < seriesCount; i++) {
      series[i] = new String[] {name(r, "device"), name(r, "tag")};
    }
    int pointCount = r.count("point count", MAX_POINTS, 11);
    List<Point> points = new ArrayList<>(pointCount);
    long[] previous = {created};
    for (int i = 0; i < pointCount; i++) {
      points.add(point(r, series, previous));
    }
    r.expectEnd("batch");
    try {
      return new Batch(agent, sequence, instant(created), points);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("invalid batch: " + e.getMessage(), 0);
    }
  }

  /** Reads one point; {@code previous[0]} holds the previous timestamp (µs) and is advanced. */
  private static Point point(WireReader r, String[][] series, long[] previous) throws MalformedMessageException {
    int at = r.position();
    long index = r.varint("series index");
    if (index < 0 || index >= series.length) {
      throw new MalformedMessageException("series index " + index + " out of range (" + series.length + " series)", at);
    }
    long ts = previous[0] += r.zigzag("timestamp delta");
    double value = Double.longBitsToDouble(r.fixed64("value"));
    int code = r.u8("quality");
    Quality quality = Quality.fromCode(code);
    if (quality == null) {
      throw new MalformedMessageException("unknown quality code " + code, r.position() - 1);
    }
    String[] s = series[(int) index];
    return new Point(s[0], s[1], instant(ts), value, quality);
  }

  static String name(WireReader r, String what) throws MalformedMessageException {
    int at = r.position();
    String s = r.string(what, Names.MAX_LENGTH);
    if (!Names.isValid(s)) {
      throw new MalformedMessageException(what + " '" + s + "' is not a valid name", at);
    }
    return s;
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  static Instant instant(long micros) throws MalformedMessageException {
    try {
      return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new MalformedMessageException("timestamp out of range: " + micros + " µs", 0);
    }
  }
}

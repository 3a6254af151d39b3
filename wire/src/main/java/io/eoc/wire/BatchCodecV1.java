package io.eoc.wire;

import io.eoc.wire.internal.WireReader;
import io.eoc.wire.internal.WireWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Version 1, row-oriented with a series dictionary; still decoded for older agents, encoded only
 * by tests. It has no drop counts.
 *
 * <pre>
 * "EOCB" | version u8 (1) | flags u8 (0) | agentId str | sequence varint | createdAt µs zigzag
 * | seriesCount varint | (device str, tag str)*
 * | pointCount varint | (seriesIndex varint, Δts µs zigzag from previous point, value f64, quality u8)*
 * | CRC32C of all preceding bytes (4, big-endian)
 * </pre>
 */
final class BatchCodecV1 {
  static final int VERSION = 1;

  private BatchCodecV1() {}

  static byte[] encode(Batch batch) {
    if (!batch.dropped().isEmpty()) {
      throw new IllegalArgumentException("batch version 1 cannot carry drop counts");
    }
    Map<String, Integer> seriesIndex = new LinkedHashMap<>();
    List<Point> series = new ArrayList<>();
    for (Point p : batch.points()) {
      if (seriesIndex.putIfAbsent(p.seriesKey(), seriesIndex.size()) == null) {
        series.add(p);
      }
    }
    WireWriter w = new WireWriter(64 + batch.size() * 12);
    w.bytes(BatchCodec.MAGIC).u8(VERSION).u8(0)
        .string(batch.agentId()).varint(batch.sequence()).zigzag(BatchCodec.micros(batch.createdAt()));
    w.varint(series.size());
    for (Point s : series) {
      w.string(s.device()).string(s.tag());
    }
    w.varint(batch.size());
    long previous = BatchCodec.micros(batch.createdAt());
    for (Point p : batch.points()) {
      long ts = BatchCodec.micros(p.timestamp());
      w.varint(seriesIndex.get(p.seriesKey())).zigzag(ts - previous)
          .fixed64(Double.doubleToRawLongBits(p.value())).u8(p.quality().code());
      previous = ts;
    }
    return w.finishWithChecksum();
  }

  /** Reads from the flags byte on. */
  static Batch decode(WireReader r) throws MalformedMessageException {
    int flags = r.u8("flags");
    if (flags != 0) {
      throw new MalformedMessageException("unsupported batch flags " + flags, 5);
    }
    String agent = BatchCodec.name(r, "agent id");
    long sequence = BatchCodec.sequence(r);
    long created = r.zigzag("createdAt");
    int seriesCount = r.count("series count", BatchCodec.MAX_SERIES, 2);
    String[][] series = new String[seriesCount][];
    for (int i = 0; i < seriesCount; i++) {
      series[i] = new String[] {BatchCodec.name(r, "device"), BatchCodec.name(r, "tag")};
    }
    int pointCount = r.count("point count", BatchCodec.MAX_POINTS, 11);
    List<Point> points = new ArrayList<>(pointCount);
    long[] previous = {created};
    for (int i = 0; i < pointCount; i++) {
      points.add(point(r, series, previous));
    }
    r.expectEnd("batch");
    return BatchCodec.batch(agent, sequence, created, points, List.of());
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
    return new Point(s[0], s[1], BatchCodec.instant(ts), value, quality);
  }
}

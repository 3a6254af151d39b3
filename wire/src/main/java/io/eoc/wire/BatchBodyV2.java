package io.eoc.wire;

import io.eoc.wire.internal.QualityColumn;
import io.eoc.wire.internal.TimeColumn;
import io.eoc.wire.internal.ValueColumn;
import io.eoc.wire.internal.WireReader;
import io.eoc.wire.internal.WireWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columnar body of a version 2 batch.
 *
 * <pre>
 * stringCount varint | str*                          names used below, each once
 * seriesCount varint | series*
 *   series: deviceRef varint | tagRef varint | pointCount varint (≥ 1)
 *     | time: 0 u8 + {@link TimeColumn} | 1 u8 + index of an earlier series with identical timestamps
 *     | values: {@link ValueColumn} | qualities: {@link QualityColumn}
 * dropCount varint | (deviceRef, tagRef, reasonRef, count varint)*
 * </pre>
 *
 * All tags of a device are read together, so their timestamp columns are usually identical: only
 * the first is stored, the others point to it.
 */
final class BatchBodyV2 {
  private static final int OWN_TIMES = 0;
  private static final int SHARED_TIMES = 1;
  private static final int MAX_STRINGS = 3 * BatchCodec.MAX_SERIES;
  private static final int MAX_DROPS = 8 * BatchCodec.MAX_SERIES;

  private record Series(String device, String tag, List<Point> points) {}

  /** Arrays as map keys, compared by content. */
  private record Times(long[] micros) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Times t && Arrays.equals(micros, t.micros);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(micros);
    }
  }

  private BatchBodyV2() {}

  static byte[] write(Batch batch) {
    List<Series> series = group(batch.points());
    if (series.size() > BatchCodec.MAX_SERIES || batch.size() > BatchCodec.MAX_POINTS) {
      throw new IllegalArgumentException("batch of " + series.size() + " series, " + batch.size()
          + " points exceeds " + BatchCodec.MAX_SERIES + " series, " + BatchCodec.MAX_POINTS + " points");
    }
    Map<String, Integer> strings = new LinkedHashMap<>();
    series.forEach(s -> intern(strings, s.device(), s.tag()));
    batch.dropped().forEach(d -> intern(strings, d.device(), d.tag(), d.reason()));
    WireWriter w = new WireWriter(256 + batch.size() * 3);
    w.varint(strings.size());
    strings.keySet().forEach(w::string);
    w.varint(series.size());
    long origin = BatchCodec.micros(batch.createdAt());
    Map<Times, Integer> timeColumns = new HashMap<>();
    for (int i = 0; i < series.size(); i++) {
      writeSeries(w, series.get(i), i, strings, timeColumns, origin);
    }
    w.varint(batch.dropped().size());
    for (DropCount d : batch.dropped()) {
      w.varint(strings.get(d.device())).varint(strings.get(d.tag())).varint(strings.get(d.reason()))
          .varint(d.count());
    }
    return w.toByteArray();
  }

  private static void writeSeries(WireWriter w, Series s, int index, Map<String, Integer> strings,
      Map<Times, Integer> timeColumns, long origin) {
    int n = s.points().size();
    long[] micros = new long[n];
    double[] values = new double[n];
    Quality[] qualities = new Quality[n];
    for (int i = 0; i < n; i++) {
      Point p = s.points().get(i);
      micros[i] = BatchCodec.micros(p.timestamp());
      values[i] = p.value();
      qualities[i] = p.quality();
    }
    w.varint(strings.get(s.device())).varint(strings.get(s.tag())).varint(n);
    Integer same = timeColumns.putIfAbsent(new Times(micros), index);
    if (same != null) {
      w.u8(SHARED_TIMES).varint(same);
    } else {
      TimeColumn.write(w.u8(OWN_TIMES), micros, origin);
    }
    ValueColumn.write(w, values);
    QualityColumn.write(w, qualities);
  }

  /** Series in order of their first point; keyed by device, then tag (no key string per point). */
  private static List<Series> group(List<Point> points) {
    Map<String, Map<String, Series>> byDevice = new HashMap<>();
    List<Series> inOrder = new ArrayList<>();
    for (Point p : points) {
      Series s = byDevice.computeIfAbsent(p.device(), d -> new HashMap<>()).get(p.tag());
      if (s == null) {
        s = new Series(p.device(), p.tag(), new ArrayList<>());
        byDevice.get(p.device()).put(p.tag(), s);
        inOrder.add(s);
      }
      s.points().add(p);
    }
    return List.copyOf(inOrder);
  }

  private static void intern(Map<String, Integer> strings, String... names) {
    for (String name : names) {
      strings.putIfAbsent(name, strings.size());
    }
  }

  static Batch read(WireReader r, String agent, long sequence, long created) throws MalformedMessageException {
    int stringCount = r.count("string count", MAX_STRINGS, 2);
    String[] strings = new String[stringCount];
    for (int i = 0; i < stringCount; i++) {
      strings[i] = BatchCodec.name(r, "name");
    }
    int seriesCount = r.count("series count", BatchCodec.MAX_SERIES, 6);
    List<Point> points = new ArrayList<>();
    List<long[]> times = new ArrayList<>(seriesCount);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < seriesCount; i++) {
      readSeries(r, strings, times, seen, points, created);
    }
    List<DropCount> dropped = readDrops(r, strings);
    r.expectEnd("batch body");
    return BatchCodec.batch(agent, sequence, created, points, dropped);
  }

  private static void readSeries(WireReader r, String[] strings, List<long[]> times, Set<String> seen,
      List<Point> points, long origin) throws MalformedMessageException {
    int at = r.position();
    String device = ref(r, strings, "device");
    String tag = ref(r, strings, "tag");
    if (!seen.add(device + '/' + tag)) {
      throw r.error("series " + device + '/' + tag + " appears twice", at);
    }
    int n = r.count("point count", BatchCodec.MAX_POINTS - points.size(), 0);
    if (n == 0) {
      throw r.error("series " + device + '/' + tag + " has no points", at);
    }
    long[] micros = readTimes(r, times, n, origin);
    times.add(micros);
    double[] values = ValueColumn.read(r, n);
    Quality[] qualities = QualityColumn.read(r, n);
    for (int i = 0; i < n; i++) {
      points.add(new Point(device, tag, BatchCodec.instant(micros[i]), values[i], qualities[i]));
    }
  }

  private static long[] readTimes(WireReader r, List<long[]> times, int n, long origin)
      throws MalformedMessageException {
    int at = r.position();
    int kind = r.u8("timestamp column kind");
    if (kind == OWN_TIMES) {
      return TimeColumn.read(r, n, origin);
    }
    if (kind != SHARED_TIMES) {
      throw r.error("unknown timestamp column kind " + kind, at);
    }
    long j = r.varint("shared timestamp column");
    if (j < 0 || j >= times.size() || times.get((int) j).length != n) {
      throw r.error("shared timestamp column " + j + " does not exist or has another length", at);
    }
    return times.get((int) j);
  }

  private static List<DropCount> readDrops(WireReader r, String[] strings) throws MalformedMessageException {
    int count = r.count("drop count", MAX_DROPS, 4);
    List<DropCount> dropped = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String device = ref(r, strings, "drop device");
      String tag = ref(r, strings, "drop tag");
      String reason = ref(r, strings, "drop reason");
      int at = r.position();
      long n = r.varint("dropped count");
      if (n < 0) {
        throw r.error("dropped count " + Long.toUnsignedString(n) + " exceeds 2^63-1", at);
      }
      dropped.add(new DropCount(device, tag, reason, n));
    }
    return dropped;
  }

  private static String ref(WireReader r, String[] strings, String what) throws MalformedMessageException {
    int at = r.position();
    long i = r.varint(what + " name index");
    if (i < 0 || i >= strings.length) {
      throw r.error(what + " name index " + i + " out of range (" + strings.length + " names)", at);
    }
    return strings[(int) i];
  }
}

package io.eoc.edge.analysis;

import io.eoc.wire.Names;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edge analysis of one device (jiangsu-2023 §三(二)2 边缘计算: analyse at the edge to relieve the
 * cloud): tumbling-window aggregates, derived indicators and limit alarms, all emitted as derived
 * {@link Point}s that travel in the normal batches.
 *
 * <p>Event time: windows close when a point of the device at or after the window end arrives, or
 * when {@link #flush(Instant)} is called with a time at or after it. Points older than the open
 * window are late and ignored here (they are still shipped raw). Feed it the filtered points.
 */
public final class EdgeAnalyzer {
  private static final Logger log = LoggerFactory.getLogger(EdgeAnalyzer.class);
  private static final Comparator<Point> BY_TIME = Comparator.comparing(Point::timestamp);
  private static final long UNSET = Long.MIN_VALUE;

  private final String device;
  private final AnalysisConfig config;
  private final long window;
  private final long maxGap;
  private final String label;
  private final List<Indicator> indicators;
  private final Set<String> inputs = new HashSet<>();
  private final Map<String, SeriesWindow> series = new LinkedHashMap<>();
  private final List<AlarmEvaluator> alarms;
  private volatile List<ActiveAlarm> active = List.of();
  private long windowStart = UNSET;
  private long latePoints;

  public EdgeAnalyzer(String device, AnalysisConfig config) {
    this.device = Names.requireName(device, "device");
    this.config = config;
    this.window = config.window().toSeconds() * 1_000_000;
    this.maxGap = config.maxGap().toNanos() / 1000;
    this.label = config.windowLabel();
    this.indicators = Indicators.from(config);
    indicators.forEach(i -> inputs.addAll(i.inputs()));
    this.alarms = config.alarms().stream().map(r -> new AlarmEvaluator(device, r)).toList();
    alarms.forEach(a -> inputs.add(a.tag()));
  }

  /** The derived points caused by {@code points} (closed windows, alarm transitions), in time order. */
  public synchronized List<Point> accept(List<Point> points) {
    List<Point> out = new ArrayList<>();
    List<Point> ordered = new ArrayList<>(points);
    ordered.sort(BY_TIME);
    for (Point p : ordered) {
      if (!p.device().equals(device)) {
        throw new IllegalArgumentException("analyzer of " + device + " got a point of " + p.device());
      }
      long t = micros(p.timestamp());
      if (windowStart != UNSET && t < windowStart) {
        latePoints++;
        log.debug("late point ignored by analysis: {} at {}", p.seriesKey(), p.timestamp());
        continue;
      }
      advanceTo(t, out);
      apply(p, t, out);
    }
    return sorted(out);
  }

  /** Closes every window that ended at or before {@code now} and raises alarms whose delay passed. */
  public synchronized List<Point> flush(Instant now) {
    List<Point> out = new ArrayList<>();
    if (windowStart != UNSET) {
      advanceTo(micros(now), out);
    }
    return sorted(out);
  }

  /** The alarms raised now; safe to call from any thread. */
  public List<ActiveAlarm> activeAlarms() {
    return active;
  }

  /** Points ignored because their window was already closed. */
  public synchronized long latePoints() {
    return latePoints;
  }

  private void advanceTo(long t, List<Point> out) {
    if (windowStart == UNSET) {
      windowStart = Math.floorDiv(t, window) * window;
      return;
    }
    while (t >= windowStart + window) {
      closeWindow(out);
      windowStart += window;
      if (!anyKnownAt(windowStart)) {
        windowStart = Math.max(windowStart, Math.floorDiv(t, window) * window);
      }
    }
    for (AlarmEvaluator a : alarms) {
      SeriesWindow s = series.get(a.tag());
      if (s != null) {
        a.onTime(t, s).ifPresent(change -> transition(change, out));
      }
    }
  }

  private void apply(Point p, long t, List<Point> out) {
    SeriesWindow s = track(p.tag());
    if (s == null) {
      return;
    }
    boolean bad = p.quality() != Quality.GOOD && p.quality() != Quality.UNCERTAIN;
    if (bad) {
      s.invalidate(t, windowStart);
    } else {
      s.sample(t, p.value(), windowStart);
    }
    for (AlarmEvaluator a : alarms) {
      if (a.tag().equals(p.tag())) {
        if (bad) {
          a.onInvalid();
        } else {
          a.onSample(t, p.value()).ifPresent(change -> transition(change, out));
        }
      }
    }
  }

  private SeriesWindow track(String tag) {
    SeriesWindow s = series.get(tag);
    if (s == null && (inputs.contains(tag) || config.aggregates().all())) {
      double runThreshold = config.running().filter(r -> r.tag().equals(tag))
          .map(AnalysisConfig.Running::above).orElse(Double.NaN);
      s = new SeriesWindow(maxGap, runThreshold);
      series.put(tag, s);
    }
    return s;
  }

  private void closeWindow(List<Point> out) {
    long end = windowStart + window;
    Map<String, TagWindow> tags = new TreeMap<>();
    series.forEach((tag, s) -> tags.put(tag, s.close(windowStart, end)));
    Indicator.Closed closed = new Indicator.Closed(device, AlarmEvaluator.instant(end), label, tags);
    indicators.forEach(i -> i.emit(closed, out));
  }

  private boolean anyKnownAt(long t) {
    return series.values().stream().anyMatch(s -> s.knownAt(t));
  }

  /** An alarm was raised or cleared: emit it and publish the new list of active alarms. */
  private void transition(Point alarmPoint, List<Point> out) {
    out.add(alarmPoint);
    active = alarms.stream().map(AlarmEvaluator::active).flatMap(Optional::stream).toList();
  }

  private static List<Point> sorted(List<Point> out) {
    out.sort(BY_TIME);
    return out;
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}

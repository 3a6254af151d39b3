package io.eoc.edge.filter;

import io.eoc.wire.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The edge processing chain of an agent (jiangsu-2023 §三(二)2 边缘计算: remove invalid, abnormal
 * and redundant data at the edge to relieve the cloud). Keeps one {@link SeriesFilter} per
 * device/tag, created on first use from the tag's {@link FilterConfig} (or the fallback).
 * Safe to call from every device thread at once.
 */
public final class FilterChain implements PointFilter {
  private final Map<String, FilterConfig> configs;
  private final FilterConfig fallback;
  private final FilterStats stats;
  private final Map<String, SeriesFilter> series = new ConcurrentHashMap<>();

  private FilterChain(Builder b) {
    this.configs = Map.copyOf(b.configs);
    this.fallback = b.fallback;
    this.stats = b.stats;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<Point> apply(List<Point> points) {
    List<Point> kept = new ArrayList<>(points.size());
    for (Point p : points) {
      SeriesFilter filter = series.computeIfAbsent(p.seriesKey(),
          k -> new SeriesFilter(configs.getOrDefault(k, fallback)));
      Point out = filter.apply(p, stats);
      if (out != null) {
        kept.add(out);
      }
    }
    return kept;
  }

  public FilterStats stats() {
    return stats;
  }

  /** Per-series configuration; series without one use the fallback ({@link FilterConfig#ANALOG}). */
  public static final class Builder {
    private final Map<String, FilterConfig> configs = new HashMap<>();
    private FilterConfig fallback = FilterConfig.ANALOG;
    private FilterStats stats = new FilterStats();

    private Builder() {}

    public Builder series(String device, String tag, FilterConfig config) {
      configs.put(device + '/' + tag, Objects.requireNonNull(config, "config"));
      return this;
    }

    /** The configuration for every tag of {@code device}, keyed by tag. */
    public Builder device(String device, Map<String, FilterConfig> byTag) {
      byTag.forEach((tag, config) -> series(device, tag, config));
      return this;
    }

    public Builder fallback(FilterConfig config) {
      this.fallback = Objects.requireNonNull(config, "fallback");
      return this;
    }

    public Builder stats(FilterStats stats) {
      this.stats = Objects.requireNonNull(stats, "stats");
      return this;
    }

    public FilterChain build() {
      return new FilterChain(this);
    }
  }
}

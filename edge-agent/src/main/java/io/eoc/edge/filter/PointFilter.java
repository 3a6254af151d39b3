package io.eoc.edge.filter;

import io.eoc.wire.Point;
import java.util.List;

/** Turns the points a driver read into the points worth shipping. */
@FunctionalInterface
public interface PointFilter {

  /** Passes every point unchanged. */
  PointFilter NONE = points -> List.copyOf(points);

  /** The points to keep, in input order; never null. */
  List<Point> apply(List<Point> points);
}

package io.eoc.criteria.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small inline SVG charts over days: bars for one series, lines for several. No scripts, no fonts
 * fetched: the report is one self-contained file. Every text is escaped.
 */
final class Svg {
  static final int WIDTH = 760;
  static final int HEIGHT = 240;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 16;
  private static final int BOTTOM = 40;
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

  private Svg() {}

  /** Bars, one per day; NaN values are gaps. */
  static String bars(List<LocalDate> days, double[] values, String unit) {
    double max = niceMax(values);
    StringBuilder sb = open(days, max, unit);
    double slot = plotWidth() / Math.max(1, days.size());
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i]) && values[i] > 0) {
        double h = values[i] / max * plotHeight();
        sb.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
            + "<title>%s: %s</title></rect>", LEFT + i * slot + slot * 0.1, TOP + plotHeight() - h, Math.max(0.5, slot * 0.8), h,
            COLOURS[0], days.get(i), Html.escape(format(values[i]) + " " + unit)));
      }
    }
    return sb.append("</svg>").toString();
  }

  /** One polyline per series (a NaN breaks the line), with a legend; values in percent (0–100). */
  static String lines(List<LocalDate> days, Map<String, double[]> series, String unit) {
    double max = unit.equals("%") ? 100 : niceMax(series.values().stream().flatMapToDouble(java.util.Arrays::stream).toArray());
    StringBuilder sb = open(days, max, unit);
    double slot = plotWidth() / Math.max(1, days.size());
    int c = 0;
    for (Map.Entry<String, double[]> s : series.entrySet()) {
      String colour = COLOURS[c % COLOURS.length];
      StringBuilder points = new StringBuilder();
      double[] v = s.getValue();
      for (int i = 0; i <= v.length; i++) {
        if (i == v.length || Double.isNaN(v[i])) {
          polyline(sb, points, colour);
          continue;
        }
        double x = LEFT + i * slot + slot / 2;
        double y = TOP + plotHeight() - Math.min(v[i], max) / max * plotHeight();
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>", LEFT + 8 + c * 150, TOP, colour, LEFT + 22 + c * 150, TOP + 9,
          Html.escape(s.getKey())));
      c++;
    }
    return sb.append("</svg>").toString();
  }

  private static void polyline(StringBuilder sb, StringBuilder points, String colour) {
    if (points.length() > 0) {
      String p = points.toString().trim();
      sb.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"").append(p).append("\"/>");
      if (!p.contains(" ")) { // a single day: a line needs two points, so mark it
        String[] xy = p.split(",");
        sb.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1]).append("\" r=\"3\" fill=\"").append(colour).append("\"/>");
      }
      points.setLength(0);
    }
  }

  private static StringBuilder open(List<LocalDate> days, double max, String unit) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    for (int i = 0; i <= 4; i++) {
      double y = TOP + plotHeight() - i / 4.0 * plotHeight();
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>"
          + "<text x=\"%d\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>", LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4,
          Html.escape(format(max * i / 4) + (i == 4 ? " " + unit : ""))));
    }
    if (!days.isEmpty()) {
      double slot = plotWidth() / days.size();
      for (int i : days.size() == 1 ? new int[] {0} : new int[] {0, days.size() / 2, days.size() - 1}) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%s</text>",
            LEFT + i * slot + slot / 2, HEIGHT - BOTTOM + 18, days.get(i)));
      }
    }
    return sb;
  }

  private static double plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private static double plotHeight() {
    return HEIGHT - TOP - BOTTOM;
  }

  /** A round upper bound for the axis: 1, 2 or 5 times a power of ten. */
  static double niceMax(double[] values) {
    double max = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        max = Math.max(max, v);
      }
    }
    if (max <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(max)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= max) {
        return m * p;
      }
    }
    return 10 * p;
  }

  static String format(double v) {
    if (Math.abs(v) >= 1e9) {
      return String.format(Locale.ROOT, "%.1fG", v / 1e9);
    }
    if (Math.abs(v) >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", v / 1e6);
    }
    if (Math.abs(v) >= 1e4) {
      return String.format(Locale.ROOT, "%.0fk", v / 1e3);
    }
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}

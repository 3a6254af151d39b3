package io.eoc.edge.analysis;

import io.eoc.wire.Names;
import io.eoc.wire.Point;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A derived quantity computed from one closed window of a device's tags. */
interface Indicator {

  /** The tags this indicator reads (to be tracked by the analyzer); empty for "all". */
  Set<String> inputs();

  void emit(Closed window, List<Point> out);

  /** A closed window of one device: its end, its label and what each tag did. */
  record Closed(String device, Instant end, String label, Map<String, TagWindow> tags) {

    /** The tag's window, or null when the tag was not known at all in the window. */
    TagWindow get(String tag) {
      TagWindow w = tags.get(tag);
      return w != null && w.hasData() ? w : null;
    }

    /** Adds {@code name:label} = value at the window end, unless the value is not a number. */
    void add(List<Point> out, String name, double value) {
      String tag = name + ":" + label;
      if (Double.isFinite(value) && Names.isValid(tag)) {
        out.add(Point.good(device, tag, end, value));
      }
    }
  }
}

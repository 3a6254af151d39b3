package io.eoc.criteria.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The differences between two parsed JSON trees, each named by its path: {@code results[rule-id].measured}.
 * Lists of objects that carry a {@code rule} (or {@code id}) member are matched by it, so one changed
 * result is named by its rule rather than by its position.
 */
final class TreeDiff {
  private final List<String> differences = new ArrayList<>();

  private TreeDiff() {}

  static List<String> between(Object signed, Object recomputed) {
    TreeDiff d = new TreeDiff();
    d.diff("", CanonicalJson.normalise(signed), CanonicalJson.normalise(recomputed));
    return d.differences;
  }

  private void diff(String path, Object a, Object b) {
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      TreeSet<String> keys = new TreeSet<>();
      ma.keySet().forEach(k -> keys.add((String) k));
      mb.keySet().forEach(k -> keys.add((String) k));
      for (String k : keys) {
        String p = path.isEmpty() || k.startsWith("[") ? path + k : path + "." + k;
        if (!ma.containsKey(k)) {
          differences.add(p + ": absent from the report, recomputed " + show(mb.get(k)));
        } else if (!mb.containsKey(k)) {
          differences.add(p + ": the report says " + show(ma.get(k)) + ", absent when recomputed");
        } else {
          diff(p, ma.get(k), mb.get(k));
        }
      }
    } else if (a instanceof List<?> la && b instanceof List<?> lb) {
      Map<String, Object> ka = keyed(la);
      Map<String, Object> kb = keyed(lb);
      if (ka != null && kb != null) {
        diff(path, ka, kb);
      } else if (la.size() != lb.size()) {
        differences.add(path + ": the report has " + la.size() + " entries " + show(la) + ", recomputed " + lb.size() + " " + show(lb));
      } else {
        for (int i = 0; i < la.size(); i++) {
          diff(path + "[" + i + "]", la.get(i), lb.get(i));
        }
      }
    } else if (!Objects.equals(a, b)) {
      differences.add(path + ": the report says " + show(a) + ", recomputed " + show(b));
    }
  }

  /** A list of objects by their {@code rule} or {@code id} member, or null when not every element has a distinct one. */
  private static Map<String, Object> keyed(List<?> list) {
    for (String key : List.of("rule", "id")) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Object o : list) {
        if (!(o instanceof Map<?, ?> e) || !(e.get(key) instanceof String id) || m.put("[" + id + "]", o) != null) {
          m = null;
          break;
        }
      }
      if (m != null && !list.isEmpty()) {
        return m;
      }
    }
    return null;
  }

  private static String show(Object v) {
    String s = CanonicalJson.write(v);
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }
}

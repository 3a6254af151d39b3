package io.eoc.criteria;

import io.eoc.metrics.Measurement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The assessment as a JSON-ready tree of maps and lists (kept free of a JSON library here):
 * every result with measured value, threshold, outcome, method, window and evidence references.
 */
public final class AssessmentJson {
  private AssessmentJson() {}

  public static Map<String, Object> toMap(Assessment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rulebook", a.rulebook().id());
    m.put("rulebookVersion", a.rulebook().version());
    m.put("title", a.rulebook().title());
    m.put("level", a.level());
    m.put("window", window(a.window()));
    m.put("evaluatedAt", a.evaluatedAt().toString());
    m.put("levelReached", a.levelReached());
    m.put("results", a.results().stream().map(AssessmentJson::result).toList());
    return m;
  }

  private static Map<String, Object> result(RuleResult r) {
    Measurement me = r.measurement();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", r.rule().id());
    m.put("title", r.rule().title());
    m.put("section", r.rule().section());
    m.put("outcome", r.outcome().name());
    m.put("measured", me.value().orElse(null));
    m.put("unit", me.unit());
    m.put("condition", r.rule().condition());
    m.put("method", me.methodId());
    m.put("window", window(me.window()));
    m.put("explanation", me.explanation());
    m.put("evidence", List.copyOf(me.evidence()));
    return m;
  }

  private static Map<String, Object> window(io.eoc.metrics.Window w) {
    return Map.of("from", w.from().toString(), "to", w.to().toString());
  }
}

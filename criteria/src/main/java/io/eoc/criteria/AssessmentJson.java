package io.eoc.criteria;

import io.eoc.metrics.Measurement;
import io.eoc.metrics.Window;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The assessment as a JSON-ready tree of maps, lists, strings, numbers, booleans and nulls (kept
 * free of a JSON library here): every result with measured value, basis, threshold, outcome,
 * method, window and evidence references; the star-level summary; what the evidence was.
 * Deterministic: the same assessment gives the same tree, key order included, so a verifier can
 * recompute it from an evidence export and compare.
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
    m.put("reasons", List.copyOf(a.reasons()));
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("describe", a.evidenceDescribe());
    evidence.put("containsBackfill", a.containsBackfill());
    evidence.put("containsSimulated", a.containsSimulated());
    evidence.put("notices", List.copyOf(a.notices()));
    m.put("evidence", evidence);
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
    m.put("basis", me.basis().name());
    m.put("condition", r.condition());
    Map<String, Object> threshold = new LinkedHashMap<>();
    threshold.put("op", r.threshold().op().symbol());
    threshold.put("value", r.threshold().value());
    m.put("threshold", threshold);
    m.put("gate", r.gate());
    m.put("countsToward", r.countsToward().orElse(null));
    m.put("members", r.members().entrySet().stream().map(e -> {
      Map<String, Object> member = new LinkedHashMap<>();
      member.put("rule", e.getKey());
      member.put("outcome", e.getValue().name());
      return member;
    }).toList());
    m.put("method", me.methodId());
    m.put("window", window(me.window()));
    m.put("explanation", me.explanation());
    m.put("evidence", List.copyOf(me.evidence()));
    return m;
  }

  private static Map<String, Object> window(Window w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", w.from().toString());
    m.put("to", w.to().toString());
    return m;
  }
}

package io.eoc.metrics;

import static io.eoc.metrics.Scope.fmt;

import io.eoc.metrics.evidence.Declaration;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A declared item (jiangsu-2023 §四 上云投入; jiangsu-2018 §四 综合绩效 IT运维成本下降率, 年度上云投入):
 * the value of the latest declaration of {@code item} made before the window end, with its
 * document reference. Its basis is {@link Basis#DECLARED}: eoc shows it, never measures it. Method
 * {@value #METHOD}; see docs/indicators.md.
 */
public final class Declared implements Indicator {
  public static final String METHOD = "declared/v1";
  private final String item;

  public Declared(String item) {
    this.item = item;
  }

  @Override
  public String id() {
    return "declared." + item;
  }

  @Override
  public String methodId() {
    return METHOD;
  }

  @Override
  public Measurement measure(Window window, EvidenceSet all) {
    if (!all.has(Source.DECLARATIONS)) {
      return none(window, "this cloud holds no declarations: " + all.describe());
    }
    List<Declaration> made = Scope.restrict(all, window).declarations().stream().filter(d -> d.item().equals(item)).toList();
    if (made.isEmpty()) {
      return none(window, "nothing was declared for '" + item + "' before " + window.to());
    }
    Declaration latest = made.get(made.size() - 1);
    List<String> refs = new ArrayList<>();
    for (int i = made.size() - 1; i >= 0; i--) {
      Declaration d = made.get(i);
      refs.add((i == made.size() - 1 ? "in force: " : "replaced: ") + fmt(d.value()) + " " + d.unit() + " declared "
          + d.declaredAt() + " by " + d.declaredBy() + ", reference: " + d.reference());
    }
    String explanation = "DECLARED by the enterprise, not measured: " + fmt(latest.value()) + " " + latest.unit()
        + " (reference: " + latest.reference() + ")";
    return new Measurement(id(), METHOD, window, Optional.of(latest.value()), latest.unit(), explanation, refs,
        Basis.DECLARED);
  }

  /** Still shown as declared: what is missing is a declaration, not a measurement. */
  private Measurement none(Window window, String why) {
    return new Measurement(id(), METHOD, window, Optional.empty(), "", why, List.of(), Basis.DECLARED);
  }
}

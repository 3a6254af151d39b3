package io.eoc.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The catalogue of indicator kinds a rulebook may name, each built from the rule's parameters.
 * Parameters are validated here (unknown keys included), so a rulebook with a wrong parameter
 * fails when it is loaded. Every kind is described in docs/indicators.md.
 */
public final class Indicators {
  private static final String ZONE = "Asia/Shanghai";
  private static final Map<String, Function<Params, Indicator>> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put("equipment-access", p -> new EquipmentAccess(p.string("category"), p.longValue("min-good-points", 1, 1)));
    KINDS.put("data-completeness", p -> new DataCompleteness(p.optional("category")));
    KINDS.put("online-rate", p -> new OnlineRate(p.optional("category")));
    KINDS.put("connected-value", p -> new ConnectedValue(p.optional("category")));
    KINDS.put("edge-processing", p -> new EdgeProcessing(p.number("min-compression", 2), p.longValue("min-removed", 1, 0)));
    KINDS.put("edge-analysis", p -> new EdgeAnalysis(p.longValue("min-days", 1, 1), p.zone("zone", ZONE)));
    KINDS.put("service-use", p -> new ServiceUse(p.choice("service", ServiceUse.SERVICES), p.longValue("weeks", 4, 1),
        p.longValue("min-uses", 1, 1)));
    KINDS.put("time-on-cloud", p -> new TimeOnCloud(p.list("services"), p.duration("max-gap", Duration.ofDays(7)),
        p.duration("min-continuous", Duration.ofDays(90))));
    KINDS.put("host-cpu", p -> new HostCpu());
    KINDS.put("bandwidth-usage", p -> {
      int[] hours = p.hours("hours", new int[] {0, 24});
      return new BandwidthUsage(hours[0], hours[1], p.zone("zone", ZONE));
    });
    KINDS.put("data-read-write", p -> new DataReadWrite());
    KINDS.put("monthly-user-usage", p -> new MonthlyUserUsage(p.zone("zone", ZONE)));
    KINDS.put("declared", p -> new Declared(p.string("item")));
  }

  private Indicators() {}

  public static Set<String> kinds() {
    return java.util.Collections.unmodifiableSet(KINDS.keySet());
  }

  /** Builds an indicator; throws {@link IllegalArgumentException} naming what is wrong. */
  public static Indicator create(String kind, Map<String, String> params) {
    Function<Params, Indicator> factory = KINDS.get(kind);
    if (factory == null) {
      throw new IllegalArgumentException("unknown indicator '" + kind + "'; known: " + String.join(", ", kinds()));
    }
    Params p = new Params(kind, params);
    Indicator indicator = factory.apply(p);
    p.requireAllUsed();
    return indicator;
  }
}

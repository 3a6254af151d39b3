package io.eoc.ingest.services;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What was done in one maintenance (维修保养): the work, the parts used, the cost in CNY (元, at most
 * two decimals), who did it and when. Entered directly, or with a work order of kind maintenance when
 * it is done (then device, plan and time come from the work order).
 */
public record MaintenanceWork(String work, List<String> parts, BigDecimal costCny, Optional<String> performedBy,
    Optional<Instant> performedAt) {
  public static final int MAX_PARTS = 100;
  public static final BigDecimal MAX_COST_CNY = new BigDecimal("1000000000");
  static final Set<String> FIELDS = Set.of("work", "parts", "costCny", "performedBy", "performedAt");

  public MaintenanceWork {
    parts = List.copyOf(parts);
  }

  /** Reads the work fields of {@code f}; {@code work} is required unless {@code defaultWork} is given. */
  static MaintenanceWork read(Fields f, Optional<String> defaultWork, Instant now) {
    Optional<String> work = f.text("work", defaultWork.isEmpty()).or(() -> defaultWork);
    List<String> parts = f.texts("parts", MAX_PARTS);
    BigDecimal cost = f.number("costCny", false, 0, MAX_COST_CNY.doubleValue()).map(BigDecimal::valueOf).orElse(BigDecimal.ZERO);
    if (cost.stripTrailingZeros().scale() > 2) {
      f.error("field 'costCny' is in CNY (元) with at most 2 decimals (分), was " + cost.toPlainString());
    }
    Optional<String> by = f.text("performedBy", false);
    Optional<Instant> at = f.instant("performedAt", false);
    if (at.filter(t -> t.isAfter(now)).isPresent()) {
      f.error("field 'performedAt' (" + at.get() + ") must not be in the future (now " + now + ")");
    }
    return new MaintenanceWork(work.orElse(""), parts, cost.setScale(2, java.math.RoundingMode.HALF_UP), by, at);
  }
}

package io.eoc.metrics.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * An item the enterprise declares (cloud investment, IT O&M cost reduction…) with the reference of
 * its supporting documents. Always shown as declared, never as measured.
 *
 * @param item for example {@code cloud-investment} or {@code it-om-cost-reduction}
 * @param unit for example {@code 10k CNY} or {@code %}
 * @param reference contract/invoice numbers or document file names
 */
public record Declaration(String item, double value, String unit, String reference, Instant declaredAt,
    String declaredBy) {
  public Declaration {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(declaredAt, "declaredAt");
    Objects.requireNonNull(declaredBy, "declaredBy");
  }
}

/**
 * The evidence the indicators read, as plain immutable data: one {@link io.eoc.metrics.evidence.EvidenceSet}
 * per assessment window. The cloud builds it from its database; the verifier rebuilds it from an
 * evidence export. Indicators compute only from this data, so an assessor who holds the export
 * recomputes exactly the figures of the report.
 *
 * <p>Granularity is the hour (UTC, aligned to the epoch) wherever a count over time is kept, so a
 * 100-day window stays small (2,400 rows per series of facts) and days can be formed in any zone
 * whose offset is a whole number of hours (Asia/Shanghai is +08:00).
 */
package io.eoc.metrics.evidence;

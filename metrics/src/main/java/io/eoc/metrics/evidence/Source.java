package io.eoc.metrics.evidence;

/**
 * The kinds of evidence a cloud can hold. An indicator whose source is not {@linkplain
 * EvidenceSet#has available} reports "no evidence" (a fail with that reason), never zero.
 */
public enum Source {
  /** Telemetry: the device ledger, per-device hourly activity, per-agent hourly traffic, edge drop counts. */
  TELEMETRY,
  /** Usage events of the cloud's device services and the user accounts. */
  USAGE,
  /** Hourly samples of declared business hosts from {@code eoc probe} (they arrive as telemetry of host devices). */
  HOSTS,
  /** The system's own daily data reads and writes, with the database's statistics as a cross-check. */
  DATA_OPS,
  /** Items entered by the enterprise with a document reference (investment, cost reduction). */
  DECLARATIONS
}

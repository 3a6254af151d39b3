package io.eoc.edge.filter;

/** What a tag measures decides which filters make sense by default. */
public enum SignalKind {
  /** A measured quantity (pressure, flow, power): NaN and duplicate filtering unless configured. */
  ANALOG,
  /** A discrete state (running 0/1, mode): duplicate filtering and report-on-change only. */
  STATE
}

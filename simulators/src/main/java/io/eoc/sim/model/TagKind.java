package io.eoc.sim.model;

/** What a tag's number means, which decides how a protocol serves it. */
public enum TagKind {
  /** A measured or set quantity in engineering units (pressure, power, temperature). */
  ANALOG,
  /** A whole number naming a state (running 0/1, an alarm code, a mode). */
  STATE,
  /** A monotonically increasing total (energy, run hours, parts); may wrap only at its maximum. */
  COUNTER
}

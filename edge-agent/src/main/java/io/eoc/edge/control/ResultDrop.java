package io.eoc.edge.control;

/** Why a command result left {@link CommandResults} without the cloud acknowledging it. */
public enum ResultDrop {
  /** The queue held its capacity of unacknowledged results; the oldest one made room for a new one. */
  OVERFLOW("overflow"),
  /** The cloud answered with a PUBACK reason code of 0x80 or more other than 0x97: sending it again would not help. */
  REFUSED("refused"),
  /** A stored result could not be read back when the agent started (damaged file, set aside as {@code .unreadable}). */
  UNREADABLE("unreadable"),
  /** The agent stopped while the result was being written; its half-written file was deleted at the next start. */
  INCOMPLETE("incomplete");

  private final String id;

  ResultDrop(String id) {
    this.id = id;
  }

  /** The stable name in metrics and logs. */
  public String id() {
    return id;
  }
}

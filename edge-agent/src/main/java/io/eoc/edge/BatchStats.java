package io.eoc.edge;

/**
 * What happened to the agent's batches: stored durably (with points and sealed bytes, so bytes per
 * point can be read off), acknowledged points, and every batch that did not make it, by reason.
 */
public record BatchStats(long batches, long points, long sealedBytes, long ackedPoints, long droppedOldest,
    long refused, long refusedPoints, long failures) {
  /** A point in a plain fixed-width row: 8 B timestamp, 8 B value, 1 B quality, 2 B series index. */
  public static final long RAW_BYTES_PER_POINT = 19;

  /** Sealed bytes per point stored (compressed, encrypted, signed), 0 before the first batch. */
  public double bytesPerPoint() {
    return points == 0 ? 0 : (double) sealedBytes / points;
  }
}

package io.eoc.edge.filter;

/**
 * Why the chain touched a point. Most reasons drop the point; {@link #BAD_QUALITY} and
 * {@link #FROZEN} let it pass (unchanged, or marked {@code UNCERTAIN}) and are counted so that the
 * cloud can see how much of a series was questionable.
 */
public enum FilterReason {
  BAD_QUALITY("bad-quality", false),
  NAN("nan", true),
  OUT_OF_RANGE("out-of-range", true),
  SPIKE("spike", true),
  OUTLIER("outlier", true),
  FROZEN("frozen", false),
  DUPLICATE("duplicate", true),
  DEADBAND("deadband", true);

  private final String id;
  private final boolean dropsPoint;

  FilterReason(String id, boolean dropsPoint) {
    this.id = id;
    this.dropsPoint = dropsPoint;
  }

  /** The stable name shipped to the cloud in {@link DropCount#reason()}. */
  public String id() {
    return id;
  }

  public boolean dropsPoint() {
    return dropsPoint;
  }
}

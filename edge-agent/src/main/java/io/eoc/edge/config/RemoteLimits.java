package io.eoc.edge.config;

/**
 * A tag the cloud may write (guidelines README §1.2 remote-control: "under guaranteed safety"):
 * only tags configured with {@code remote: {min: x, max: y}} accept a remote command, and only a
 * value within [min, max].
 */
public record RemoteLimits(double min, double max) {

  public RemoteLimits {
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new IllegalArgumentException("remote limits need finite min <= max, not [" + min + ", " + max + "]");
    }
  }

  public boolean allows(double value) {
    return value >= min && value <= max;
  }
}

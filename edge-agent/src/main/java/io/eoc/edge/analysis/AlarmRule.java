package io.eoc.edge.analysis;

import io.eoc.wire.Names;
import java.time.Duration;
import java.util.Objects;

/**
 * A limit alarm evaluated at the edge, so it is raised while the cloud is unreachable.
 * Raised when the value is beyond {@code threshold} for at least {@code delay}; cleared when it
 * is back past {@code clearThreshold} (hysteresis: no chatter around the limit).
 */
public record AlarmRule(String name, String tag, Direction direction, double threshold,
    double clearThreshold, Duration delay) {

  public AlarmRule {
    Names.requireName(name, "alarm name");
    Names.requireName(tag(name), "alarm tag");
    Names.requireName(tag, "tag");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(delay, "delay");
    if (!Double.isFinite(threshold) || !Double.isFinite(clearThreshold)) {
      throw new IllegalArgumentException("alarm thresholds must be finite");
    }
    if (direction.raises(clearThreshold, threshold)) {
      throw new IllegalArgumentException("alarm '" + name + "': clear threshold " + clearThreshold
          + " must not be beyond the threshold " + threshold);
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must be >= 0, was " + delay);
    }
  }

  public static AlarmRule above(String name, String tag, double threshold, double clearBelow, Duration delay) {
    return new AlarmRule(name, tag, Direction.ABOVE, threshold, clearBelow, delay);
  }

  public static AlarmRule below(String name, String tag, double threshold, double clearAbove, Duration delay) {
    return new AlarmRule(name, tag, Direction.BELOW, threshold, clearAbove, delay);
  }

  /** The derived tag of an alarm: {@code alarm:<name>}. */
  public static String tag(String name) {
    return "alarm:" + name;
  }

  public String alarmTag() {
    return tag(name);
  }

  boolean raises(double value) {
    return direction.raises(value, threshold);
  }

  boolean clears(double value) {
    return direction.clears(value, clearThreshold);
  }

  /** Above: raise when value > threshold, clear when value < clear. Below: the mirror image. */
  public enum Direction {
    ABOVE {
      @Override
      boolean raises(double value, double threshold) {
        return value > threshold;
      }

      @Override
      boolean clears(double value, double clear) {
        return value < clear;
      }
    },
    BELOW {
      @Override
      boolean raises(double value, double threshold) {
        return value < threshold;
      }

      @Override
      boolean clears(double value, double clear) {
        return value > clear;
      }
    };

    abstract boolean raises(double value, double threshold);

    abstract boolean clears(double value, double clear);
  }
}

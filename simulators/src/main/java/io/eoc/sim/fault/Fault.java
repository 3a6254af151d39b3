package io.eoc.sim.fault;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Something wrong with a simulated device, injected on demand to test how the agent and the
 * cloud cope. Value faults change what is served until cleared (spikes clear themselves after
 * their reads); transport faults act on the device's port at once: slow answers last until
 * cleared, a connection drop and a restart are one-off events.
 */
public sealed interface Fault {

  /**
   * Serves the values the tags had at injection, however the physics moves on.
   *
   * @param tags the frozen tags; empty freezes every tag (a stale device)
   */
  record Frozen(List<String> tags) implements Fault {
    public Frozen {
      tags = List.copyOf(tags);
    }
  }

  /** Adds {@code delta} to the served value of {@code tag} for its next {@code reads} reads. */
  record Spike(String tag, double delta, int reads) implements Fault {
    public Spike {
      Objects.requireNonNull(tag, "tag");
      if (!Double.isFinite(delta) || delta == 0) {
        throw new IllegalArgumentException("a spike needs a finite, non-zero delta: " + delta);
      }
      if (reads < 1) {
        throw new IllegalArgumentException("a spike lasts at least one read: " + reads);
      }
    }
  }

  /** Serves NaN for {@code tag}; only possible where the protocol carries floats. */
  record NotANumber(String tag) implements Fault {
    public NotANumber {
      Objects.requireNonNull(tag, "tag");
    }
  }

  /**
   * Serves a value above the tag's physical range: max + span / 4 (max + 1 for a state), which
   * the device's encoding can still carry.
   */
  record OutOfRange(String tag) implements Fault {
    public OutOfRange {
      Objects.requireNonNull(tag, "tag");
    }
  }

  /** Delays every answer of the device by {@code delay}. */
  record SlowAnswers(Duration delay) implements Fault {
    public SlowAnswers {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative() || delay.isZero() || delay.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("delay must be positive and at most 5 minutes: "
            + delay);
      }
    }
  }

  /** Closes every client connection of the device's port now; new connections are accepted. */
  record DropConnections() implements Fault {}

  /**
   * Closes the device's port and every connection, and binds the same port again after
   * {@code pause}: a gateway rebooting.
   */
  record Restart(Duration pause) implements Fault {
    public Restart {
      Objects.requireNonNull(pause, "pause");
      if (pause.isNegative() || pause.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("pause must be 0 to 10 minutes: " + pause);
      }
    }
  }

  static Fault frozen(String... tags) {
    return new Frozen(List.of(tags));
  }

  static Fault spike(String tag, double delta) {
    return new Spike(tag, delta, 1);
  }

  static Fault notANumber(String tag) {
    return new NotANumber(tag);
  }

  static Fault outOfRange(String tag) {
    return new OutOfRange(tag);
  }

  static Fault slowAnswers(Duration delay) {
    return new SlowAnswers(delay);
  }

  static Fault dropConnections() {
    return new DropConnections();
  }

  static Fault restart(Duration pause) {
    return new Restart(pause);
  }
}

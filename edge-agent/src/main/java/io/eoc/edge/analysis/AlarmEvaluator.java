package io.eoc.edge.analysis;

import io.eoc.wire.Point;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one alarm rule on one device: normal → pending (beyond the threshold, delay
 * running) → active → normal once the value is back past the clear threshold. Event time only:
 * the delay elapses when the held value was beyond the threshold for {@code delay}, whatever the
 * wall clock says. A bad-quality point cancels a pending alarm but never clears an active one —
 * "unknown" is not "back to normal".
 */
final class AlarmEvaluator {
  private static final Logger log = LoggerFactory.getLogger(AlarmEvaluator.class);
  private static final long UNSET = Long.MIN_VALUE;

  private final String device;
  private final AlarmRule rule;
  private final long delay;
  private long pendingSince = UNSET;
  private ActiveAlarm active;

  AlarmEvaluator(String device, AlarmRule rule) {
    this.device = device;
    this.rule = rule;
    this.delay = rule.delay().toNanos() / 1000;
  }

  String tag() {
    return rule.tag();
  }

  Optional<ActiveAlarm> active() {
    return Optional.ofNullable(active);
  }

  /** Event time reached {@code t}: raises a pending alarm whose delay has passed with the value held. */
  Optional<Point> onTime(long t, SeriesWindow series) {
    if (pendingSince == UNSET || t < pendingSince + delay) {
      return Optional.empty();
    }
    long due = pendingSince + delay;
    pendingSince = UNSET;
    if (!series.knownAt(due)) {
      return Optional.empty();
    }
    return Optional.of(raise(due, series.heldValue()));
  }

  /** A good sample of the alarm's tag. */
  Optional<Point> onSample(long t, double value) {
    if (active != null) {
      return rule.clears(value) ? Optional.of(clear(t, value)) : Optional.empty();
    }
    if (!rule.raises(value)) {
      pendingSince = UNSET;
      return Optional.empty();
    }
    if (pendingSince == UNSET) {
      pendingSince = t;
    }
    if (t - pendingSince >= delay) {
      long due = pendingSince + delay;
      pendingSince = UNSET;
      return Optional.of(raise(due, value));
    }
    return Optional.empty();
  }

  /** A bad-quality point of the alarm's tag. */
  void onInvalid() {
    pendingSince = UNSET;
  }

  private Point raise(long at, double value) {
    Instant when = instant(at);
    active = new ActiveAlarm(device, rule.name(), rule.tag(), when, value);
    log.warn("alarm {} raised on {}: {} = {} {} {} for {}", rule.name(), device, rule.tag(), value,
        rule.direction() == AlarmRule.Direction.ABOVE ? ">" : "<", rule.threshold(), rule.delay().toMillis() + "ms");
    return Point.good(device, rule.alarmTag(), when, 1);
  }

  private Point clear(long at, double value) {
    log.info("alarm {} cleared on {}: {} = {}, raised since {}", rule.name(), device, rule.tag(), value,
        active.since());
    active = null;
    return Point.good(device, rule.alarmTag(), instant(at), 0);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
  }
}

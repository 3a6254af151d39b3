package io.eoc.sim.fault;

import io.eoc.sim.model.TagKind;
import io.eoc.sim.model.TagSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The value faults and slow answers currently injected into one device, and what they do to the
 * values it serves, whatever the protocol. Thread-safe: injected from a test or the CLI while
 * connection threads serve reads.
 */
public final class InjectedFaults {

  private final Map<String, TagSpec> tags = new LinkedHashMap<>();
  private final Map<String, Double> frozen = new HashMap<>();
  private final Map<String, Spike> spikes = new HashMap<>();
  private final Map<String, Double> replaced = new HashMap<>();
  private final List<Fault> active = new ArrayList<>();
  private volatile boolean any;
  private volatile Duration delay = Duration.ZERO;

  public InjectedFaults(List<TagSpec> tags) {
    for (TagSpec tag : tags) {
      this.tags.put(tag.name(), tag);
    }
  }

  /**
   * Starts a value fault or slow answers.
   *
   * @param current the device's values now, which a freeze keeps
   * @throws IllegalArgumentException for a tag the device does not have, or a transport event
   */
  public synchronized void inject(Fault fault, Map<String, Double> current) {
    Objects.requireNonNull(fault, "fault");
    if (fault instanceof Fault.Frozen f) {
      List<String> names = f.tags().isEmpty() ? List.copyOf(tags.keySet()) : f.tags();
      names.forEach(this::spec);
      names.forEach(n -> frozen.put(n, current.get(n)));
    } else if (fault instanceof Fault.Spike s) {
      spec(s.tag());
      spikes.put(s.tag(), new Spike(s.delta(), s.reads()));
    } else if (fault instanceof Fault.NotANumber n) {
      spec(n.tag());
      replaced.put(n.tag(), Double.NaN);
    } else if (fault instanceof Fault.OutOfRange o) {
      replaced.put(o.tag(), outOfRange(spec(o.tag())));
    } else if (fault instanceof Fault.SlowAnswers s) {
      delay = s.delay();
    } else {
      throw new IllegalArgumentException(fault + " is an event of the port, not a value fault");
    }
    active.add(fault);
    any = true;
  }

  /** Ends every fault. */
  public synchronized void clear() {
    frozen.clear();
    spikes.clear();
    replaced.clear();
    active.clear();
    delay = Duration.ZERO;
    any = false;
  }

  /** The faults injected since the last clear, oldest first. */
  public synchronized List<Fault> active() {
    return List.copyOf(active);
  }

  /** How long to wait before answering. */
  public Duration delay() {
    return delay;
  }

  /**
   * The values to serve for one read: {@code values} with the faults applied. A spike counts a
   * read only when {@code read} covers its tag.
   */
  public Map<String, Double> apply(Map<String, Double> values, Predicate<String> read) {
    if (!any) {
      return values;
    }
    synchronized (this) {
      Map<String, Double> served = new LinkedHashMap<>(values);
      served.putAll(frozen);
      spikes.forEach((tag, spike) -> {
        if (read.test(tag) && spike.left > 0) {
          served.put(tag, served.get(tag) + spike.delta);
          spike.left--;
        }
      });
      served.putAll(replaced);
      return served;
    }
  }

  /** The value an out-of-range fault serves for {@code tag}. */
  public static double outOfRange(TagSpec tag) {
    return tag.kind() == TagKind.STATE ? tag.max() + 1 : tag.max() + tag.span() / 4;
  }

  private TagSpec spec(String tag) {
    TagSpec spec = tags.get(tag);
    if (spec == null) {
      throw new IllegalArgumentException("no tag '" + tag + "' to fault; tags: "
          + String.join(", ", tags.keySet()));
    }
    return spec;
  }

  private static final class Spike {
    final double delta;
    int left;

    Spike(double delta, int left) {
      this.delta = delta;
      this.left = left;
    }
  }
}

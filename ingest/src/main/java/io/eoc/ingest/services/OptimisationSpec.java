package io.eoc.ingest.services;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A set-point trim strategy (决策优化/执行优化) as an operator enters it: watch the {@code statistic}
 * of {@code measureTag} over the last {@code window} of stored points and trim {@code setpointTag}
 * by {@code step}, within [{@code setpointMin}, {@code setpointMax}], so that the statistic stays in
 * [{@code bandLow}, {@code bandHigh}]; evaluated {@code every} so often. Every problem is reported
 * together, each naming its field, e.g. {@code field 'setpointTag': device 'compressor-1' of agent
 * 'plant-a' has no tag 'unload_presure'}.
 */
public record OptimisationSpec(String name, String agent, String device, String measureTag, String statistic, Duration window,
    double bandLow, double bandHigh, String setpointTag, double step, double setpointMin, double setpointMax, Duration every,
    String mode, Optional<String> effectTag, boolean enabled) {
  public static final List<String> STATISTICS = List.of("min", "mean", "max");
  public static final List<String> MODES = List.of("advise", "auto");
  public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
  public static final Duration MAX_WINDOW = Duration.ofDays(1);
  public static final Duration MIN_EVERY = Duration.ofSeconds(10);
  public static final Duration MAX_EVERY = Duration.ofDays(1);
  static final int MAX_NAME = 200;
  private static final Set<String> FIELDS = Set.of("name", "agent", "device", "measureTag", "statistic", "window", "bandLow",
      "bandHigh", "setpointTag", "step", "setpointMin", "setpointMax", "every", "mode", "effectTag", "enabled");

  public boolean auto() {
    return mode.equals("auto");
  }

  /** A new strategy: {@code mode} advise and {@code enabled} true unless given; devices and tags checked against {@code catalogue}. */
  public static OptimisationSpec of(Map<String, Object> json, ScreenSpec.Catalogue catalogue) throws SQLException {
    Fields f = new Fields(json, FIELDS);
    String name = f.text("name", true).orElse("");
    if (name.length() > MAX_NAME) {
      f.error("field 'name' must have at most " + MAX_NAME + " characters, has " + name.length());
    }
    Optional<String> agent = f.name("agent", true);
    Optional<String> device = f.name("device", true);
    Optional<String> measure = f.name("measureTag", true);
    String statistic = f.choice("statistic", true, STATISTICS).orElse("mean");
    Duration window = f.duration("window", true, MIN_WINDOW, MAX_WINDOW).orElse(MIN_WINDOW);
    Optional<Double> low = f.number("bandLow", true, -Double.MAX_VALUE, Double.MAX_VALUE);
    Optional<Double> high = f.number("bandHigh", true, -Double.MAX_VALUE, Double.MAX_VALUE);
    Optional<String> setpoint = f.name("setpointTag", true);
    Optional<Double> step = f.number("step", true, -Double.MAX_VALUE, Double.MAX_VALUE);
    Optional<Double> min = f.number("setpointMin", true, -Double.MAX_VALUE, Double.MAX_VALUE);
    Optional<Double> max = f.number("setpointMax", true, -Double.MAX_VALUE, Double.MAX_VALUE);
    Duration every = f.duration("every", true, MIN_EVERY, MAX_EVERY).orElse(MIN_EVERY);
    String mode = f.choice("mode", false, MODES).orElse("advise");
    Optional<String> effect = f.name("effectTag", false);
    boolean enabled = f.bool("enabled").orElse(true);
    if (low.isPresent() && high.isPresent() && low.get() >= high.get()) {
      f.error("field 'bandLow' (" + low.get() + ") must be less than bandHigh (" + high.get() + ")");
    }
    if (step.isPresent() && step.get() <= 0) {
      f.error("field 'step' must be greater than 0, was " + step.get());
    }
    if (min.isPresent() && max.isPresent()) {
      if (min.get() >= max.get()) {
        f.error("field 'setpointMin' (" + min.get() + ") must be less than setpointMax (" + max.get() + ")");
      } else if (step.isPresent() && step.get() > max.get() - min.get()) {
        f.error("field 'step' (" + step.get() + ") must not be greater than setpointMax − setpointMin ("
            + java.math.BigDecimal.valueOf(max.get()).subtract(java.math.BigDecimal.valueOf(min.get())).doubleValue() + ")");
      }
    }
    if (agent.isPresent() && device.isPresent()) {
      Optional<List<String>> tags = catalogue.tags(agent.get(), device.get());
      if (tags.isEmpty()) {
        f.error("field 'device': no device '" + device.get() + "' of agent '" + agent.get()
            + "' in the ledger; devices appear once their agent reports them");
      } else {
        tag(f, "measureTag", measure, agent.get(), device.get(), tags.get());
        tag(f, "setpointTag", setpoint, agent.get(), device.get(), tags.get());
        tag(f, "effectTag", effect, agent.get(), device.get(), tags.get());
      }
    }
    f.check("optimisation strategy");
    return new OptimisationSpec(name, agent.get(), device.get(), measure.get(), statistic, window, low.get(), high.get(), setpoint.get(),
        step.get(), min.get(), max.get(), every, mode, effect, enabled);
  }

  private static void tag(Fields f, String field, Optional<String> tag, String agent, String device, List<String> tags) {
    if (tag.isPresent() && !tags.contains(tag.get())) {
      f.error("field '" + field + "': device '" + device + "' of agent '" + agent + "' has no tag '" + tag.get() + "'; its tags: " + tags);
    }
  }

  /** The strategy as the API shows it and as a change starts from: a change gives only the fields it changes. */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("agent", agent);
    m.put("device", device);
    m.put("measureTag", measureTag);
    m.put("statistic", statistic);
    m.put("window", window.toString());
    m.put("bandLow", bandLow);
    m.put("bandHigh", bandHigh);
    m.put("setpointTag", setpointTag);
    m.put("step", step);
    m.put("setpointMin", setpointMin);
    m.put("setpointMax", setpointMax);
    m.put("every", every.toString());
    m.put("mode", mode);
    m.put("effectTag", effectTag.orElse(null));
    m.put("enabled", enabled);
    return m;
  }
}

package io.eoc.metrics;

import static io.eoc.metrics.Scope.fmt;

import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.Source;
import io.eoc.metrics.evidence.UserAccount;
import io.eoc.metrics.evidence.UserHour;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Monthly user usage rate (jiangsu-2018 §四 综合绩效, 月用户使用率): for each calendar month of
 * {@code zone} lying wholly inside the window, distinct users active in the month who are
 * registered at its end ÷ users registered at its end, in %. The value is the latest complete
 * month (the current state of use, as an application describes it); every month is listed.
 * Method {@value #METHOD}; see docs/indicators.md.
 */
public final class MonthlyUserUsage implements Indicator {
  public static final String METHOD = "monthly-user-usage/v1";
  private final ZoneId zone;

  public MonthlyUserUsage(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public String id() {
    return "monthly-user-usage";
  }

  @Override
  public String methodId() {
    return METHOD;
  }

  @Override
  public Measurement measure(Window window, EvidenceSet all) {
    if (!all.has(Source.USAGE)) {
      return Measurement.noEvidence(id(), METHOD, window, "no user activity is recorded by this cloud: " + all.describe());
    }
    EvidenceSet e = Scope.restrict(all, window);
    List<String> refs = new ArrayList<>();
    Optional<Double> latest = Optional.empty();
    String latestText = "";
    for (YearMonth m = YearMonth.from(window.from().atZone(zone)); !start(m.plusMonths(1)).isAfter(window.to());
        m = m.plusMonths(1)) {
      Instant from = start(m);
      Instant to = start(m.plusMonths(1));
      if (from.isBefore(window.from())) {
        continue;
      }
      Instant lastInstant = to.minusNanos(1);
      Set<String> registered = e.users().stream().filter(u -> u.registeredAt(lastInstant)).map(UserAccount::userId)
          .collect(Collectors.toSet());
      Set<String> active = e.userHours().stream().filter(h -> !h.hour().isBefore(from) && h.hour().isBefore(to))
          .map(UserHour::userId).filter(registered::contains).collect(Collectors.toSet());
      if (registered.isEmpty()) {
        refs.add(m + ": no registered user at month end");
        latest = Optional.empty();
        latestText = m + " had no registered user at its end";
        continue;
      }
      double rate = 100.0 * active.size() / registered.size();
      refs.add(m + ": " + active.size() + " active of " + registered.size() + " registered = " + fmt(rate) + " %");
      latest = Optional.of(rate);
      latestText = "latest complete month " + m + " (" + zone + "): " + active.size() + " active of " + registered.size()
          + " registered user(s)";
    }
    if (refs.isEmpty()) {
      return Measurement.noEvidence(id(), METHOD, window, "no calendar month (" + zone + ") lies wholly inside the window");
    }
    if (latest.isEmpty()) {
      return new Measurement(id(), METHOD, window, Optional.empty(), "", latestText, refs);
    }
    return Measurement.of(id(), METHOD, window, latest.get(), "%", latestText + "; source: " + all.describe(), refs);
  }

  private Instant start(YearMonth m) {
    return m.atDay(1).atStartOfDay(zone).toInstant();
  }
}

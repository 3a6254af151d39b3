package io.eoc.metrics;

import io.eoc.metrics.evidence.AgentHour;
import io.eoc.metrics.evidence.DataOpsDay;
import io.eoc.metrics.evidence.Declaration;
import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.DropHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.HostHour;
import io.eoc.metrics.evidence.LedgerDevice;
import io.eoc.metrics.evidence.ServiceHour;
import io.eoc.metrics.evidence.UserAccount;
import io.eoc.metrics.evidence.UserHour;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The evidence an indicator may read: the set restricted to the measured window, every list in a
 * fixed order. Sorting makes the sums independent of the order rows were collected or exported
 * in, so a verifier recomputing from an export gets the same doubles, bit for bit.
 */
final class Scope {
  /** The equipment categories of jiangsu-2023 §四 设备上云 / 工业设备接入; {@code business-host} is not equipment. */
  static final List<String> EQUIPMENT = List.of("high-energy", "power", "new-energy", "intelligent");

  private Scope() {}

  /**
   * Hour rows whose hour starts in the window; data-ops days lying wholly inside it; declarations
   * made before its end (a declaration stands until replaced); the ledger and the accounts whole.
   */
  static EvidenceSet restrict(EvidenceSet e, Window w) {
    return new EvidenceSet(w, e.describe(), e.available(),
        sorted(e.devices(), x -> true, Comparator.comparing(LedgerDevice::id)),
        sorted(e.deviceHours(), h -> in(w, h.hour()), Comparator.comparing(DeviceHour::deviceId).thenComparing(DeviceHour::hour)),
        sorted(e.agentHours(), h -> in(w, h.hour()), Comparator.comparing(AgentHour::agentId).thenComparing(AgentHour::hour)),
        sorted(e.drops(), h -> in(w, h.hour()), Comparator.comparing(DropHour::agentId).thenComparing(DropHour::hour)
            .thenComparing(DropHour::reason)),
        sorted(e.services(), h -> in(w, h.hour()), Comparator.comparing(ServiceHour::service).thenComparing(ServiceHour::hour)
            .thenComparing(ServiceHour::backfill)),
        sorted(e.users(), x -> true, Comparator.comparing(UserAccount::userId)),
        sorted(e.userHours(), h -> in(w, h.hour()), Comparator.comparing(UserHour::userId).thenComparing(UserHour::hour)),
        sorted(e.hosts(), h -> in(w, h.hour()), Comparator.comparing(HostHour::hostId).thenComparing(HostHour::hour)),
        sorted(e.dataOps(), d -> wholeDayIn(w, d.day()), Comparator.comparing(DataOpsDay::day)),
        sorted(e.declarations(), d -> d.declaredAt().isBefore(w.to()),
            Comparator.comparing(Declaration::declaredAt).thenComparing(Declaration::item)));
  }

  static boolean in(Window w, Instant t) {
    return !t.isBefore(w.from()) && t.isBefore(w.to());
  }

  static boolean wholeDayIn(Window w, LocalDate day) {
    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    return !start.isBefore(w.from()) && !start.plus(Duration.ofDays(1)).isAfter(w.to());
  }

  /** The whole UTC days lying inside the window, in order. */
  static List<LocalDate> wholeDays(Window w) {
    LocalDate first = LocalDate.ofInstant(w.from().plus(Duration.ofDays(1)).minusNanos(1), ZoneOffset.UTC);
    return first.datesUntil(LocalDate.ofInstant(w.to(), ZoneOffset.UTC).plusDays(1))
        .filter(d -> wholeDayIn(w, d)).toList();
  }

  /** How many UTC hours start inside the window: the hour rows it can hold. */
  static long hourStarts(Window w) {
    Instant first = w.from().truncatedTo(ChronoUnit.HOURS);
    if (first.isBefore(w.from())) {
      first = first.plus(Duration.ofHours(1));
    }
    if (!first.isBefore(w.to())) {
      return 0;
    }
    return (Duration.between(first, w.to()).minusNanos(1).toHours()) + 1;
  }

  static boolean isEquipment(LedgerDevice d) {
    return EQUIPMENT.contains(d.category());
  }

  /** Devices of a category, or of every equipment category when {@code category} is null. */
  static List<LedgerDevice> devices(EvidenceSet e, String category) {
    return e.devices().stream().filter(d -> category == null ? isEquipment(d) : d.category().equals(category)).toList();
  }

  /** "high-energy" or "equipment (all four categories)". */
  static String scope(String category) {
    return category == null ? "equipment (" + String.join(", ", EQUIPMENT) + ")" : category;
  }

  /** A number for explanations: integers as integers, others with up to 4 decimals. */
  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
  }

  private static <T> List<T> sorted(List<T> rows, Predicate<T> keep, Comparator<T> order) {
    return rows.stream().filter(keep).sorted(order).toList();
  }
}

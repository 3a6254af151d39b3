package io.eoc.criteria.report;

import io.eoc.metrics.Window;
import io.eoc.metrics.evidence.AgentHour;
import io.eoc.metrics.evidence.DataOpsDay;
import io.eoc.metrics.evidence.Declaration;
import io.eoc.metrics.evidence.DeviceHour;
import io.eoc.metrics.evidence.DropHour;
import io.eoc.metrics.evidence.EvidenceSet;
import io.eoc.metrics.evidence.HostHour;
import io.eoc.metrics.evidence.LedgerDevice;
import io.eoc.metrics.evidence.ServiceHour;
import io.eoc.metrics.evidence.Source;
import io.eoc.metrics.evidence.UserAccount;
import io.eoc.metrics.evidence.UserHour;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An {@link EvidenceSet} as canonical JSON lines, one section per record list and one line per record,
 * and back, exactly: {@code fromLines(lines(e))} equals {@code e}. The order of records is kept, so the
 * lines (and their digests) are a function of the set alone.
 */
public final class EvidenceSetJson {
  /** The sections in file order. */
  public static final List<String> SECTIONS;
  private static final Map<String, Section<?>> BY_NAME = new LinkedHashMap<>();

  private record Section<T>(String name, Function<EvidenceSet, List<T>> records, Function<T, Map<String, Object>> write,
      Function<Fields, T> read, List<String> fields) {
    List<String> lines(EvidenceSet e) {
      return records.apply(e).stream().map(r -> CanonicalJson.write(write.apply(r))).toList();
    }
  }

  static {
    add(new Section<>("devices", EvidenceSet::devices, d -> map("id", d.id(), "agentId", d.agentId(), "name", d.name(),
        "category", d.category(), "kind", d.kind(), "protocol", d.protocol(), "simulated", d.simulated(),
        "purchaseValue10kCny", d.purchaseValue10kCny(), "expectedPointsPerHour", d.expectedPointsPerHour()),
        f -> new LedgerDevice(f.string("id"), f.string("agentId"), f.string("name"), f.string("category"), f.string("kind"),
            f.string("protocol"), f.bool("simulated"), f.optionalDouble("purchaseValue10kCny"), f.number("expectedPointsPerHour")),
        List.of("id", "agentId", "name", "category", "kind", "protocol", "simulated", "purchaseValue10kCny", "expectedPointsPerHour")));
    add(new Section<>("deviceHours", EvidenceSet::deviceHours, h -> map("deviceId", h.deviceId(), "hour", h.hour(),
        "goodPoints", h.goodPoints(), "badPoints", h.badPoints(), "derivedPoints", h.derivedPoints(), "backfillPoints", h.backfillPoints()),
        f -> new DeviceHour(f.string("deviceId"), f.instant("hour"), f.integer("goodPoints"), f.integer("badPoints"),
            f.integer("derivedPoints"), f.integer("backfillPoints")),
        List.of("deviceId", "hour", "goodPoints", "badPoints", "derivedPoints", "backfillPoints")));
    add(new Section<>("agentHours", EvidenceSet::agentHours, h -> map("agentId", h.agentId(), "hour", h.hour(),
        "batches", h.batches(), "points", h.points(), "wireBytes", h.wireBytes(), "backfillBatches", h.backfillBatches(),
        "rejected", h.rejected()),
        f -> new AgentHour(f.string("agentId"), f.instant("hour"), f.integer("batches"), f.integer("points"),
            f.integer("wireBytes"), f.integer("backfillBatches"), f.integer("rejected")),
        List.of("agentId", "hour", "batches", "points", "wireBytes", "backfillBatches", "rejected")));
    add(new Section<>("drops", EvidenceSet::drops, d -> map("agentId", d.agentId(), "hour", d.hour(), "reason", d.reason(),
        "count", d.count()),
        f -> new DropHour(f.string("agentId"), f.instant("hour"), f.string("reason"), f.integer("count")),
        List.of("agentId", "hour", "reason", "count")));
    add(new Section<>("services", EvidenceSet::services, s -> map("service", s.service(), "hour", s.hour(), "uses", s.uses(),
        "backfill", s.backfill()),
        f -> new ServiceHour(f.string("service"), f.instant("hour"), f.integer("uses"), f.bool("backfill")),
        List.of("service", "hour", "uses", "backfill")));
    add(new Section<>("users", EvidenceSet::users, u -> map("userId", u.userId(), "role", u.role(), "createdAt", u.createdAt(),
        "disabledAt", u.disabledAt()),
        f -> new UserAccount(f.string("userId"), f.string("role"), f.instant("createdAt"), f.optionalInstant("disabledAt")),
        List.of("userId", "role", "createdAt", "disabledAt")));
    add(new Section<>("userHours", EvidenceSet::userHours, u -> map("userId", u.userId(), "hour", u.hour(), "backfill", u.backfill()),
        f -> new UserHour(f.string("userId"), f.instant("hour"), f.bool("backfill")),
        List.of("userId", "hour", "backfill")));
    add(new Section<>("hosts", EvidenceSet::hosts, h -> map("hostId", h.hostId(), "hour", h.hour(), "cpuPercent", h.cpuPercent(),
        "rxBitsPerSecond", h.rxBitsPerSecond(), "txBitsPerSecond", h.txBitsPerSecond(), "linkBitsPerSecond", h.linkBitsPerSecond(),
        "samples", h.samples(), "backfill", h.backfill()),
        f -> new HostHour(f.string("hostId"), f.instant("hour"), f.number("cpuPercent"), f.number("rxBitsPerSecond"),
            f.number("txBitsPerSecond"), f.number("linkBitsPerSecond"), f.integer("samples"), f.bool("backfill")),
        List.of("hostId", "hour", "cpuPercent", "rxBitsPerSecond", "txBitsPerSecond", "linkBitsPerSecond", "samples", "backfill")));
    add(new Section<>("dataOps", EvidenceSet::dataOps, d -> map("day", d.day(), "writes", d.writes(), "reads", d.reads(),
        "databaseCommits", d.databaseCommits()),
        f -> new DataOpsDay(f.date("day"), f.integer("writes"), f.integer("reads"), f.optionalLong("databaseCommits")),
        List.of("day", "writes", "reads", "databaseCommits")));
    add(new Section<>("declarations", EvidenceSet::declarations, d -> map("item", d.item(), "value", d.value(), "unit", d.unit(),
        "reference", d.reference(), "declaredAt", d.declaredAt(), "declaredBy", d.declaredBy()),
        f -> new Declaration(f.string("item"), f.number("value"), f.string("unit"), f.string("reference"),
            f.instant("declaredAt"), f.string("declaredBy")),
        List.of("item", "value", "unit", "reference", "declaredAt", "declaredBy")));
    SECTIONS = List.copyOf(BY_NAME.keySet());
  }

  private EvidenceSetJson() {}

  private static void add(Section<?> s) {
    BY_NAME.put(s.name(), s);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Every section's canonical lines (without newlines), in {@link #SECTIONS} order. */
  public static Map<String, List<String>> lines(EvidenceSet evidence) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    BY_NAME.forEach((name, s) -> out.put(name, s.lines(evidence)));
    return out;
  }

  /** SHA-256 (hex) over the section's lines, each followed by a newline, as UTF-8: the bytes of the section in the file. */
  public static String digest(List<String> lines) {
    MessageDigest md = Merkle.sha256();
    for (String line : lines) {
      md.update(line.getBytes(StandardCharsets.UTF_8));
      md.update((byte) '\n');
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The sources as sorted names, for a header or a report. */
  public static List<String> sources(Set<Source> available) {
    return available.stream().map(Source::name).sorted().toList();
  }

  /**
   * Rebuilds the set from its sections' lines; a section not given is empty. A line that is not a valid
   * record throws, naming the section, the line's index in it and the field.
   */
  public static EvidenceSet fromLines(Window window, String describe, Set<Source> available, Map<String, List<String>> sections) {
    for (String name : sections.keySet()) {
      if (!BY_NAME.containsKey(name)) {
        throw new IllegalArgumentException("unknown evidence section '" + name + "'; known: " + SECTIONS);
      }
    }
    Map<String, List<Object>> records = new LinkedHashMap<>();
    BY_NAME.forEach((name, s) -> records.put(name, read(s, sections.getOrDefault(name, List.of()))));
    return new EvidenceSet(window, describe, available, cast(records.get("devices")), cast(records.get("deviceHours")),
        cast(records.get("agentHours")), cast(records.get("drops")), cast(records.get("services")), cast(records.get("users")),
        cast(records.get("userHours")), cast(records.get("hosts")), cast(records.get("dataOps")), cast(records.get("declarations")));
  }

  private static List<Object> read(Section<?> s, List<String> lines) {
    List<Object> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String where = "section " + s.name() + ", record " + (i + 1);
      Map<String, Object> m;
      try {
        m = CanonicalJson.parseObject(lines.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
      Fields f = new Fields(where, m);
      try {
        out.add(s.read().apply(f));
      } catch (NullPointerException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
      f.requireOnly(s.fields().toArray(String[]::new));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> cast(List<Object> l) {
    return (List<T>) l;
  }
}

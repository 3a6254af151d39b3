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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A small plant's evidence over three days, written by hand, and its batch ledger. */
final class Samples {
  static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  static final Window WINDOW = new Window(FROM, FROM.plus(Duration.ofDays(3)));
  static final Instant AT = Instant.parse("2026-11-04T00:00:05Z");

  private Samples() {}

  static Instant hour(int h) {
    return FROM.plus(Duration.ofHours(h));
  }

  static EvidenceSet evidence() {
    List<DeviceHour> deviceHours = new ArrayList<>();
    List<AgentHour> agentHours = new ArrayList<>();
    List<HostHour> hosts = new ArrayList<>();
    for (int h = 0; h < 72; h++) {
      if (h < 30 || h > 40) { // the boiler was off-line for 11 hours
        deviceHours.add(new DeviceHour("a/boiler-1", hour(h), 3600, 2, 60, h < 24 ? 3602 : 0));
      }
      deviceHours.add(new DeviceHour("b/meter-1", hour(h), h % 2 == 0 ? 720 : 0, 0, 0, 0));
      agentHours.add(new AgentHour("a", hour(h), 72, 3662, 41_000, h < 24 ? 72 : 0, 0));
      hosts.add(new HostHour("h/host-1", hour(h), 20 + h % 10 + 0.1, 1.25e6, 2.5e5, 1e8, 60, false));
    }
    return new EvidenceSet(WINDOW, "hand-built test plant", EnumSet.allOf(Source.class),
        List.of(new LedgerDevice("a/boiler-1", "a", "锅炉 <1>", "high-energy", "industrial-boiler", "modbus-tcp", true,
                OptionalDouble.of(12.5), 3600),
            new LedgerDevice("b/meter-1", "b", "meter \"main\"", "power", "energy-meter", "opc-ua", false, OptionalDouble.empty(), 0),
            new LedgerDevice("h/host-1", "h", "erp", "business-host", "host", "probe", false, OptionalDouble.empty(), 60)),
        deviceHours, agentHours,
        List.of(new DropHour("a", hour(3), "abnormal", 4), new DropHour("a", hour(5), "redundant", 17)),
        List.of(new ServiceHour("ledger", hour(9), 12, false), new ServiceHour("alarms", hour(10), 3, true)),
        List.of(new UserAccount("alice", "admin", FROM.minus(Duration.ofDays(30)), Optional.empty()),
            new UserAccount("bob", "operator", FROM.minus(Duration.ofDays(30)), Optional.of(hour(50)))),
        List.of(new UserHour("alice", hour(9), false), new UserHour("bob", hour(10), true)),
        hosts,
        List.of(new DataOpsDay(LocalDate.parse("2026-11-01"), 1728, 240, OptionalLong.of(2100)),
            new DataOpsDay(LocalDate.parse("2026-11-02"), 1728, 0, OptionalLong.empty())),
        List.of(new Declaration("cloud-investment", 120.5, "10k CNY", "合同 HT-2026-007 & invoice \"F-1\"", FROM, "alice")));
  }

  /** Agent a: seq 1..6 over two days; agent b: seq 10..12 on one day. */
  static List<LedgerEntry> ledger() {
    List<LedgerEntry> l = new ArrayList<>();
    for (int s = 1; s <= 6; s++) {
      l.add(LedgerEntry.of("a", s, hour(s * 6), hour(s * 6).plusSeconds(1), 50, 1200L, s <= 2, new byte[] {(byte) s, 1, 2}));
    }
    for (int s = 10; s <= 12; s++) {
      l.add(LedgerEntry.of("b", s, hour(50 + s), hour(50 + s).plusSeconds(2), 10, null, false, null));
    }
    return l;
  }

  static BatchLedger ledgerSource(List<LedgerEntry> entries) {
    return (window, sink) -> entries.forEach(sink);
  }
}

package io.eoc.ingest.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.ingest.store.EvidenceQueries;
import io.eoc.ingest.store.Schema;
import io.eoc.ingest.testing.SharedDatabase;
import io.eoc.metrics.Window;
import io.eoc.metrics.evidence.HostHour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud measuring its own host from a hand-written {@code /proc} (two snapshots, as the probe's
 * driver tests do), stored in the shared embedded PostgreSQL and read back as evidence.
 */
class SelfProbeTest {
  private static final Instant HOUR = Instant.parse("2026-11-22T10:00:00Z");
  private static final Window WINDOW = new Window(HOUR, HOUR.plus(Duration.ofHours(1)));

  @TempDir
  Path proc;

  private DataSource ds;
  private final MutableClock clock = new MutableClock(HOUR.plusSeconds(5));

  @BeforeEach
  void setUp() throws Exception {
    ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    write("sys/kernel/hostname", "Cloud VM_1\n"); // a space is not allowed in a device id: it becomes '-'
    write("sys/kernel/osrelease", "6.1.0-18-amd64\n");
    write("meminfo", "MemTotal:       16000000 kB\nMemFree:         100000 kB\nMemAvailable:    4000000 kB\n");
    // total = 100 + 0 + 50 + 800 + 50 + 0 + 0 + 0 = 1000 ticks; idle + iowait = 800 + 50 = 850
    snapshot("100 0 50 800 50 0 0 0 0 0", "1000.00", "eth0 1000000 2000000");
  }

  @Test
  void afterTwoSamplesTheCloudsHostIsABusinessHostWithTheExactCpuUtilisation() throws Exception {
    SelfProbe probe = SelfProbe.manual(config(Optional.empty()), ds, clock);
    probe.sampleNow(); // the first sample has no rates yet: bad, "no previous sample", as the probe's
    // total = 250 + 0 + 100 + 1450 + 150 + 20 + 20 + 10 = 2000 (guest 30 is already inside user)
    // Δtotal = 1000; Δ(idle + iowait) = 1600 − 850 = 750; cpu = 100 × (1 − 750 ÷ 1000) = 25
    // Δt = 1010 − 1000 = 10 s; rx (13,500,000 − 1,000,000) B × 8 ÷ 10 s = 10,000,000 bit/s;
    // tx (2,625,000 − 2,000,000) B × 8 ÷ 10 s = 500,000 bit/s; eth0 is the only interface but lo
    snapshot("250 0 100 1450 150 20 20 10 30 0", "1010.00", "eth0 13500000 2625000");
    clock.advance(Duration.ofSeconds(10));
    probe.sampleNow();

    assertThat(probe.device().id()).isEqualTo("Cloud-VM_1");
    assertThat(rows("SELECT agent_id, id, name, category, kind, protocol, simulated FROM devices"))
        .containsExactly("cloud|Cloud-VM_1|Cloud VM_1|business-host|host|host|f");
    // Only the second sample's cpu, rx and tx are good; the declared 100 Mbit/s link is good in both.
    assertThat(new EvidenceQueries(ds).collect(WINDOW).hosts())
        .containsExactly(new HostHour("cloud/Cloud-VM_1", HOUR, 25.0, 10_000_000.0, 500_000.0, 100_000_000.0, 1, false));
  }

  @Test
  void aRestartNumbersItsBatchesOnInsteadOfReusingTheEarlierOnes() throws Exception {
    SelfProbe.manual(config(Optional.empty()), ds, clock).sampleNow();
    clock.advance(Duration.ofSeconds(10));
    SelfProbe.manual(config(Optional.empty()), ds, clock).sampleNow();

    // A reused sequence would be taken for a redelivery and its points dropped.
    assertThat(rows("SELECT agent_id, seq, points FROM batches ORDER BY seq")).containsExactly("cloud|1|5", "cloud|2|5");
  }

  @Test
  void withSeveralInterfacesAndNoneNamedOnlyTheTrafficIsLeftUnmeasured() throws Exception {
    snapshot("100 0 50 800 50 0 0 0 0 0", "1000.00", "eth0 1000000 2000000", "eth1 5 5");
    SelfProbe probe = SelfProbe.manual(config(Optional.empty()), ds, clock);
    probe.sampleNow();
    snapshot("250 0 100 1450 150 20 20 10 30 0", "1010.00", "eth0 13500000 2625000", "eth1 9 9");
    clock.advance(Duration.ofSeconds(10));
    probe.sampleNow();

    HostHour hour = new EvidenceQueries(ds).collect(WINDOW).hosts().get(0);
    assertThat(hour.cpuPercent()).isEqualTo(25.0);
    assertThat(hour.rxBitsPerSecond()).isNaN();
    assertThat(hour.txBitsPerSecond()).isNaN();
  }

  @Test
  void aNamedInterfaceIsMeasuredAmongSeveral() throws Exception {
    snapshot("100 0 50 800 50 0 0 0 0 0", "1000.00", "eth0 1000000 2000000", "eth1 0 0");
    SelfProbe probe = SelfProbe.manual(config(Optional.of("eth1")), ds, clock);
    probe.sampleNow();
    // eth1: (1,250,000 − 0) B × 8 ÷ 10 s = 1,000,000 bit/s received, nothing sent
    snapshot("250 0 100 1450 150 20 20 10 30 0", "1010.00", "eth0 13500000 2625000", "eth1 1250000 0");
    clock.advance(Duration.ofSeconds(10));
    probe.sampleNow();

    HostHour hour = new EvidenceQueries(ds).collect(WINDOW).hosts().get(0);
    assertThat(hour.rxBitsPerSecond()).isEqualTo(1_000_000.0);
    assertThat(hour.txBitsPerSecond()).isEqualTo(0.0);
  }

  @Test
  void startedItSamplesOnItsOwnThreadFromTheStartUntilClosed() throws Exception {
    try (SelfProbe probe = SelfProbe.start(new SelfProbeConfig(100, Optional.empty(), Duration.ofSeconds(1), proc), ds, clock)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (rows("SELECT seq FROM batches").isEmpty() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      assertThat(rows("SELECT agent_id, seq FROM batches WHERE seq = 1")).containsExactly("cloud|1");
    }
    // The executor has terminated; its thread may still be on its way out.
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("eoc-self-probe")) {
        t.join(Duration.ofSeconds(5).toMillis());
        assertThat(t.isAlive()).as("the sampling thread after close").isFalse();
      }
    }
  }

  private SelfProbeConfig config(Optional<String> nic) {
    return new SelfProbeConfig(100, nic, Duration.ofSeconds(10), proc);
  }

  /** {@code /proc/stat} (aggregate line then per-CPU lines to ignore), {@code /proc/uptime} and {@code /proc/net/dev}. */
  private void snapshot(String cpuFields, String uptime, String... nameRxTx) throws IOException {
    write("stat", "cpu  " + cpuFields + "\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 12345 0 0\nctxt 999\n");
    write("uptime", uptime + " 3600.00\n");
    StringBuilder b = new StringBuilder("""
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:  555000    100    0    0    0     0          0         0   555000     100    0    0    0     0       0          0
        """);
    for (String entry : nameRxTx) {
      String[] f = entry.split(" ");
      b.append(String.format("%6s: %s 7000 0 0 0 0 0 0 %s 6000 0 0 0 0 0 0%n", f[0], f[1], f[2]));
    }
    write("net/dev", b.toString());
  }

  private void write(String relative, String text) throws IOException {
    Path file = proc.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Each row's columns joined with '|'. */
  private List<String> rows(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cols.add(rs.getString(i));
        }
        out.add(String.join("|", cols));
      }
    }
    return out;
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

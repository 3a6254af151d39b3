package io.eoc.edge.host;

import static io.eoc.edge.host.HostDevice.CPU_PERCENT;
import static io.eoc.edge.host.HostDevice.MEM_PERCENT;
import static io.eoc.edge.host.HostDevice.NET_LINK_BPS;
import static io.eoc.edge.host.HostDevice.NET_RX_BPS;
import static io.eoc.edge.host.HostDevice.NET_TX_BPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import io.eoc.wire.host.HostIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostDriverTest {
  private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

  @TempDir
  Path dir;

  private ProcFixture proc;
  private HostDriver driver;

  @BeforeEach
  void firstSnapshot() {
    // total = 100 + 0 + 50 + 800 + 50 + 0 + 0 + 0 = 1000 ticks; idle + iowait = 800 + 50 = 850
    proc = new ProcFixture(dir).stat("100 0 50 800 50 0 0 0 0 0").uptime("1000.00")
        .netDev("eth0 1000000 2000000", "wlan0 1 1");
    driver = new HostDriver("app-1", new HostDevice(dir, "eth0", 100), Clock.fixed(T0, ZoneOffset.UTC));
  }

  @Test
  void theFirstPollHasNoRatesYetOnlyTheDeclaredLinkAndMemory() throws IOException {
    Map<String, Point> first = byTag(driver.read());

    assertThat(first).containsOnlyKeys(CPU_PERCENT, NET_RX_BPS, NET_TX_BPS, NET_LINK_BPS, MEM_PERCENT);
    for (String rate : List.of(CPU_PERCENT, NET_RX_BPS, NET_TX_BPS)) {
      assertThat(first.get(rate).quality()).as(rate).isNotEqualTo(Quality.GOOD);
      assertThat(first.get(rate).value()).as(rate + " is not a fake 0").isNaN();
    }
    assertThat(driver.reasons()).containsEntry(CPU_PERCENT, "no previous sample").containsEntry(NET_RX_BPS, "no previous sample");
    // 100 Mbit/s declared = 100 × 1,000,000 bit/s
    assertThat(first.get(NET_LINK_BPS).value()).isEqualTo(100_000_000.0);
    // 100 × (1 − 4,000,000 kB available ÷ 16,000,000 kB total) = 100 × 0.75 = 75
    assertThat(first.get(MEM_PERCENT).value()).isEqualTo(75.0);
    assertThat(first.values()).allSatisfy(p -> {
      assertThat(p.device()).isEqualTo("app-1");
      assertThat(p.timestamp()).isEqualTo(T0);
    });
    assertThat(driver.identity()).hasValue(new HostIdentity("app-server-1", "6.1.0-18-amd64"));
  }

  @Test
  void theSecondPollGivesCpuUtilisationAndTrafficComputedFromTheDeltas() throws IOException {
    driver.read();
    // total = 250 + 0 + 100 + 1450 + 150 + 20 + 20 + 10 = 2000 (guest 30 is already inside user: not added)
    // Δtotal = 2000 − 1000 = 1000; Δ(idle + iowait) = (1450 + 150) − 850 = 750
    // cpu_percent = 100 × (1 − 750 ÷ 1000) = 25
    proc.stat("250 0 100 1450 150 20 20 10 30 0").uptime("1010.00")
        .netDev("eth0 13500000 2625000", "wlan0 999999 999999");

    Map<String, Point> second = byTag(driver.read());

    assertThat(second.values()).allSatisfy(p -> assertThat(p.quality()).as(p.tag()).isEqualTo(Quality.GOOD));
    assertThat(second.get(CPU_PERCENT).value()).isEqualTo(25.0);
    // Δt = 1010.00 − 1000.00 = 10 s (from /proc/uptime)
    // rx: (13,500,000 − 1,000,000) B × 8 = 100,000,000 bit ÷ 10 s = 10,000,000 bit/s
    assertThat(second.get(NET_RX_BPS).value()).isEqualTo(10_000_000.0);
    // tx: (2,625,000 − 2,000,000) B × 8 = 5,000,000 bit ÷ 10 s = 500,000 bit/s (wlan0 is not measured)
    assertThat(second.get(NET_TX_BPS).value()).isEqualTo(500_000.0);
    assertThat(second.get(NET_LINK_BPS).value()).isEqualTo(100_000_000.0);
    assertThat(driver.reasons()).isEmpty();
  }

  @Test
  void aNetworkCounterThatWentBackwardsIsABadPointWithItsReasonNotANegativeRate() throws IOException {
    driver.read();
    // eth0 was reset (or a 32-bit counter wrapped): rx 1,000,000 → 4,000; tx still grows.
    proc.stat("250 0 100 1450 150 20 20 10 0 0").uptime("1010.00").netDev("eth0 4000 2625000");

    Map<String, Point> second = byTag(driver.read());

    assertThat(second.get(NET_RX_BPS).quality()).isEqualTo(Quality.BAD_DEVICE_FAILURE);
    assertThat(driver.reasons().get(NET_RX_BPS)).isEqualTo("eth0 receive byte counter went backwards (counter wrap or interface reset)");
    assertThat(second.get(NET_TX_BPS).value()).isEqualTo(500_000.0);

    // The next interval is measured from the reset value: (129,000 − 4,000) B × 8 ÷ 10 s = 100,000 bit/s.
    proc.stat("350 0 150 1850 150 20 20 10 0 0").uptime("1020.00").netDev("eth0 129000 2625000");
    assertThat(byTag(driver.read()).get(NET_RX_BPS).value()).isEqualTo(100_000.0);
    assertThat(driver.reasons()).doesNotContainKey(NET_RX_BPS);
  }

  @Test
  void cpuCountersThatWentBackwardsAreABadPointWithItsReason() throws IOException {
    driver.read();
    proc.stat("10 0 5 80 5 0 0 0 0 0").uptime("1010.00"); // after a reboot the counters start again

    assertThat(byTag(driver.read()).get(CPU_PERCENT).value()).isNaN();
    assertThat(driver.reasons().get(CPU_PERCENT)).isEqualTo("CPU time counters went backwards (counter reset)");
  }

  @Test
  void noTimeBetweenTwoPollsIsABadPointNotADivisionByZero() throws IOException {
    driver.read();

    Map<String, Point> again = byTag(driver.read()); // the same counters and the same uptime

    assertThat(again.get(CPU_PERCENT).quality()).isNotEqualTo(Quality.GOOD);
    assertThat(again.get(NET_RX_BPS).quality()).isNotEqualTo(Quality.GOOD);
    assertThat(driver.reasons()).containsEntry(CPU_PERCENT, "no CPU time counted since the previous sample")
        .containsEntry(NET_RX_BPS, "no time elapsed since the previous sample");
  }

  @Test
  void anInterfaceThatDisappearedMakesOnlyTheTrafficPointsBad() throws IOException {
    driver.read();
    proc.stat("250 0 100 1450 150 20 20 10 0 0").uptime("1010.00").netDev("wlan0 5 5");

    Map<String, Point> second = byTag(driver.read());

    assertThat(second.get(NET_RX_BPS).quality()).isEqualTo(Quality.BAD_CONFIG);
    assertThat(second.get(NET_TX_BPS).quality()).isEqualTo(Quality.BAD_CONFIG);
    assertThat(driver.reasons().get(NET_RX_BPS)).isEqualTo("interface 'eth0' is not in /proc/net/dev");
    assertThat(second.get(CPU_PERCENT).value()).isEqualTo(25.0);
  }

  @Test
  void withoutMemAvailableMemoryIsABadPointWithItsReason() throws IOException {
    proc.remove("meminfo");

    assertThat(byTag(driver.read()).get(MEM_PERCENT).quality()).isEqualTo(Quality.BAD_DEVICE_FAILURE);
    assertThat(driver.reasons().get(MEM_PERCENT)).isEqualTo("cannot read " + dir.resolve("meminfo") + " (no such file)");
  }

  @Test
  void withoutProcStatTheHostCannotBeReadAtAll() {
    proc.remove("stat");

    assertThatThrownBy(driver::read).isInstanceOf(IOException.class).hasMessageContaining(dir.resolve("stat").toString());
  }

  static Map<String, Point> byTag(List<Point> points) {
    return points.stream().collect(Collectors.toMap(Point::tag, Function.identity()));
  }
}

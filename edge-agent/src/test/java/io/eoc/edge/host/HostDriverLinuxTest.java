package io.eoc.edge.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import io.eoc.wire.host.NetCounters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The driver on the real {@code /proc} of the machine running the tests: values in range, not exact. */
@EnabledOnOs(OS.LINUX)
class HostDriverLinuxTest {

  @Test
  void theRealHostGivesUtilisationsBetween0And100AndNonNegativeTraffic() throws Exception {
    Path proc = Path.of("/proc");
    String nic = NetCounters.parse(Files.readString(proc.resolve("net/dev"))).keySet().stream()
        .filter(i -> !i.equals(HostBinder.LOOPBACK)).findFirst().orElse(HostBinder.LOOPBACK);
    HostDriver driver = new HostDriver("this-host", new HostDevice(proc, nic, 1000), Clock.systemUTC());
    driver.read();

    // Two polls a few ticks apart (USER_HZ is usually 100: one tick = 10 ms); bounded, not a fixed sleep.
    Map<String, Point> second = Map.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      second = HostDriverTest.byTag(driver.read());
      if (driver.reasons().isEmpty()) {
        break;
      }
    }

    assertThat(second.values()).allSatisfy(p -> assertThat(p.quality()).as(p.tag() + " " + driver.reasons()).isEqualTo(Quality.GOOD));
    assertThat(second.get(HostDevice.CPU_PERCENT).value()).isBetween(0.0, 100.0);
    assertThat(second.get(HostDevice.MEM_PERCENT).value()).isBetween(0.0, 100.0);
    assertThat(second.get(HostDevice.NET_RX_BPS).value()).isGreaterThanOrEqualTo(0.0);
    assertThat(second.get(HostDevice.NET_TX_BPS).value()).isGreaterThanOrEqualTo(0.0);
    assertThat(second.get(HostDevice.NET_LINK_BPS).value()).isEqualTo(1e9);
    assertThat(driver.identity().orElseThrow().kernel()).isEqualTo(Files.readString(proc.resolve("sys/kernel/osrelease")).strip());
  }
}

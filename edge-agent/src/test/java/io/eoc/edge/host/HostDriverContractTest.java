package io.eoc.edge.host;

import io.eoc.edge.DeviceDriver;
import io.eoc.edge.DeviceDriverContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host driver against the common driver contract, over fixture procfs directories. Rates need
 * two samples, so a "live" driver here is one that has already polled once and whose counters have
 * moved since: what the contract calls the first read is the host probe's second poll.
 */
class HostDriverContractTest extends DeviceDriverContract {
  @TempDir
  Path dir;

  @Override
  protected DeviceDriver liveDriver() throws Exception {
    return primed(new ProcFixture(dir.resolve("live")));
  }

  @Override
  protected List<String> configuredTags() {
    return List.of(HostDevice.CPU_PERCENT, HostDevice.NET_RX_BPS, HostDevice.NET_TX_BPS, HostDevice.NET_LINK_BPS,
        HostDevice.MEM_PERCENT);
  }

  /** A host whose kernel has no {@code /proc/meminfo}: memory is the tag it cannot serve. */
  @Override
  protected DeviceDriver driverWithOneBadTag() throws Exception {
    return primed(new ProcFixture(dir.resolve("no-meminfo")).remove("meminfo"));
  }

  @Override
  protected String badTag() {
    return HostDevice.MEM_PERCENT;
  }

  /** No procfs where it is said to be. */
  @Override
  protected DeviceDriver unreachableDriver() {
    return new HostDriver("app-1", new HostDevice(dir.resolve("absent"), "eth0", 100), Clock.systemUTC());
  }

  private static DeviceDriver primed(ProcFixture proc) throws Exception {
    proc.stat("100 0 50 800 50 0 0 0 0 0").uptime("1000.00").netDev("eth0 1000 2000");
    HostDriver driver = new HostDriver("app-1", new HostDevice(proc.dir(), "eth0", 100), Clock.systemUTC());
    driver.read();
    proc.stat("250 0 100 1450 150 20 20 10 0 0").uptime("1010.00").netDev("eth0 5000 6000");
    return driver;
  }
}

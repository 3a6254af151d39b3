package io.eoc.cli;

import static io.eoc.cli.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code eoc probe} on this machine's real /proc against a real in-process cloud: enrolled with a
 * one-time token like an agent, its readings stored as the series of a business-host device.
 */
@EnabledOnOs(OS.LINUX)
class ProbeEndToEndTest {
  @TempDir
  Path dir;

  @Test
  void theProbeEnrolsAndItsHostSeriesAreStoredForABusinessHostDevice() throws Exception {
    try (Cloud cloud = Cloud.start(CloudConfig.embedded(dir.resolve("cloud")), Clock.systemUTC())) {
      String token = cloud.enrolment().issueToken("probe-e2e", Duration.ofMinutes(5)).token();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cl = Main.commandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      AtomicInteger exit = new AtomicInteger(-1);
      // lo exists on every Linux host; the interface only selects which counters are read.
      Thread probe = new Thread(() -> exit.set(cl.execute("probe", "--agent-id", "probe-e2e", "--device-id", "app-1",
          "--cloud", "ssl://127.0.0.1:" + cloud.mqttPort(), "--api", "http://127.0.0.1:" + cloud.httpPort(),
          "--enroll-token", token, "--link-mbps", "100", "--interface", "lo", "--interval", "200ms",
          "--data-dir", dir.resolve("probe").toString())), "probe");
      probe.start();
      try {
        await(Duration.ofSeconds(90), () -> good(cloud, "cpu_percent") >= 3 && good(cloud, "net_rx_bps") >= 3);
      } finally {
        probe.interrupt();
        probe.join(TimeUnit.SECONDS.toMillis(30));
      }
      assertThat(exit.get()).as(err.toString()).isZero();
      assertThat(out.toString()).contains("probe probe-e2e enrolled").contains("probe running").contains("probe stopped");

      assertThat(Fixtures.count(cloud, "SELECT count(*) FROM devices WHERE agent_id = 'probe-e2e' AND id = 'app-1' "
          + "AND category = 'business-host' AND kind = 'host' AND protocol = 'host' AND NOT simulated")).isOne();
      assertThat(Fixtures.count(cloud, "SELECT count(DISTINCT tag) FROM series WHERE agent_id = 'probe-e2e' AND device_id = 'app-1' "
          + "AND tag IN ('cpu_percent', 'net_rx_bps', 'net_tx_bps', 'net_link_bps', 'mem_percent')")).isEqualTo(5);
      assertThat(Fixtures.count(cloud, pointsOf("cpu_percent") + " AND p.quality = 0 AND (p.value < 0 OR p.value > 100)")).isZero();
      assertThat(Fixtures.count(cloud, pointsOf("net_link_bps") + " AND p.value <> 100000000")).isZero();
      // The first poll had no previous sample: stored as a bad point, not as a 0.
      assertThat(Fixtures.count(cloud, pointsOf("cpu_percent") + " AND p.quality <> 0")).isGreaterThanOrEqualTo(1);
    }
  }

  private static long good(Cloud cloud, String tag) {
    return Fixtures.count(cloud, pointsOf(tag) + " AND p.quality = 0");
  }

  private static String pointsOf(String tag) {
    return "SELECT count(*) FROM points p JOIN series s ON s.id = p.series_id WHERE s.agent_id = 'probe-e2e' "
        + "AND s.device_id = 'app-1' AND s.tag = '" + tag + "'";
  }
}

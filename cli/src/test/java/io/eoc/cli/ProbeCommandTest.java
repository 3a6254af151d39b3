package io.eoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProbeCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir
  Path dir;

  private Path proc;

  /** A stand-in for /proc with two interfaces, so that --interface matters. */
  @BeforeEach
  void fixtureProc() throws Exception {
    proc = dir.resolve("proc");
    Files.createDirectories(proc.resolve("net"));
    Files.createDirectories(proc.resolve("sys/kernel"));
    Files.writeString(proc.resolve("sys/kernel/hostname"), "app server.1\n");
    Files.writeString(proc.resolve("sys/kernel/osrelease"), "6.1.0-18-amd64\n");
    Files.writeString(proc.resolve("net/dev"), """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:  555 1 0 0 0 0 0 0 555 1 0 0 0 0 0 0
          eth0:  1000 1 0 0 0 0 0 0 2000 1 0 0 0 0 0 0
          eth1:  1000 1 0 0 0 0 0 0 2000 1 0 0 0 0 0 0
        """);
  }

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void helpExplainsWhatIsMeasuredWithAnExample() {
    assertThat(run("probe", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: eoc probe").contains("--link-mbps").contains("--interface")
        .contains("--interval").contains("--enroll-token").contains("business-host")
        .contains("eoc probe --agent-id probe-app-1 --cloud ssl://cloud.example:8883");
    assertThat(out.toString()).doesNotContain("--proc-dir");
  }

  @Test
  void theEocHelpListsTheProbe() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("probe").contains("Measure this business host");
  }

  @Test
  void checkPrintsWhatWouldBeMeasuredWithNamesDerivedFromTheHostname() {
    assertThat(run("probe", "--cloud", "tcp://127.0.0.1:1883", "--link-mbps", "100", "--interface", "eth1",
        "--interval", "30s", "--proc-dir", proc.toString(), "--data-dir", dir.resolve("data").toString(), "--check")).isZero();
    assertThat(out.toString())
        .contains("probe probe-app-server.1: cloud tcp://127.0.0.1:1883")
        .contains("app-server.1 (business-host): host app server.1, kernel 6.1.0-18-amd64; host eth1 link 100 Mbit/s, every 30s")
        .contains("configuration is valid");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void missingRequiredOptionsAreNamedTogether() {
    assertThat(run("probe", "--proc-dir", proc.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("eoc probe: --cloud URL is required")
        .contains("eoc probe: --link-mbps MBPS is required: the declared link capacity in Mbit/s");
  }

  @Test
  void badValuesAreReportedByOptionAllTogetherListingTheInterfaces() {
    assertThat(run("probe", "--cloud", "http://cloud", "--link-mbps", "-5", "--interval", "often",
        "--proc-dir", proc.toString(), "--check")).isEqualTo(2);
    assertThat(err.toString())
        .contains("eoc probe: --cloud: expected ssl://host:port")
        .contains("eoc probe: --link-mbps: expected a number of Mbit/s above 0, e.g. 100, found '-5'")
        .contains("eoc probe: --interval: expected a duration such as 500ms, 2s")
        .contains("eoc probe: --interface: missing value; this host has several interfaces, name the one business traffic "
            + "uses; available: eth0, eth1");

    err.getBuffer().setLength(0);
    assertThat(run("probe", "--cloud", "tcp://127.0.0.1:1883", "--link-mbps", "100", "--interface", "eth9",
        "--proc-dir", proc.toString(), "--check")).isEqualTo(2);
    assertThat(err.toString()).contains("eoc probe: --interface: no interface 'eth9' on this host; available: lo, eth0, eth1");
  }

  @Test
  void aConfigFileRunsAsItIsAndMustHaveAHostDevice() throws Exception {
    Path noHost = Files.writeString(dir.resolve("agent.yaml"), """
        agent: {id: a1}
        cloud: {url: "tcp://127.0.0.1:1883"}
        devices:
          - {id: boiler-1, category: high-energy, protocol: modbus-tcp, host: 127.0.0.1,
             registers: [{tag: p, address: 0, type: uint16}]}
        """);
    assertThat(run("probe", "--config", noHost.toString(), "--check")).isEqualTo(2);
    assertThat(err.toString()).contains("has no device with protocol: host");

    Path probe = Files.writeString(dir.resolve("probe.yaml"), """
        agent: {id: probe-1}
        cloud: {url: "tcp://127.0.0.1:1883"}
        devices:
          - {id: app-1, protocol: host, interface: eth0, link-mbps: 50, poll: 10s, proc-dir: "%s"}
        """.formatted(proc));
    assertThat(run("probe", "--config", probe.toString(), "--check")).isZero();
    assertThat(out.toString()).contains("app-1 (business-host)").contains("host eth0 link 50 Mbit/s");

    err.getBuffer().setLength(0);
    assertThat(run("probe", "--config", probe.toString(), "--link-mbps", "100", "--check")).isEqualTo(2);
    assertThat(err.toString()).contains("eoc probe: --config runs the file as it is: set --link-mbps in " + probe + " instead");
  }

  @Test
  void withoutEnrolmentItSaysHowToEnrol() {
    assertThat(run("probe", "--agent-id", "probe-x", "--cloud", "ssl://127.0.0.1:8883", "--link-mbps", "100",
        "--interface", "eth0", "--proc-dir", proc.toString(), "--data-dir", dir.resolve("data").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--enroll-token <token> (issued by: eoc cloud token --agent probe-x)");
  }
}

package io.eoc.edge.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.config.ConfigException;
import io.eoc.edge.config.AgentConfig;
import io.eoc.edge.config.AgentConfigLoader;
import io.eoc.edge.config.DeviceConfig;
import io.eoc.edge.config.TagSpec;
import io.eoc.wire.EquipmentCategory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostBinderTest {
  @TempDir
  Path dir;

  private AgentConfig load(String device) {
    return AgentConfigLoader.parse("probe.yaml", """
        agent: {id: probe-1}
        cloud: {url: "tcp://127.0.0.1:1883"}
        devices:
          - %s
        """.formatted(device.replace("PROC", dir.toString())), Path.of("."));
  }

  @Test
  void aHostDeviceIsABusinessHostOfKindHostReadingItsOnlyInterface() {
    new ProcFixture(dir).netDev("eth0 1 1");

    DeviceConfig d = load("{id: app-1, protocol: host, link-mbps: 100, proc-dir: PROC, poll: 10s}").devices().get(0);

    assertThat(d.category()).isEqualTo(EquipmentCategory.BUSINESS_HOST);
    assertThat(d.kind()).isEqualTo("host");
    assertThat(d.simulated()).isFalse();
    assertThat(d.protocol()).isEqualTo("host");
    assertThat(d.tags()).extracting(TagSpec::tag)
        .containsExactly("cpu_percent", "net_rx_bps", "net_tx_bps", "net_link_bps", "mem_percent");
    HostDevice host = (HostDevice) d.other().orElseThrow();
    assertThat(host.networkInterface()).isEqualTo("eth0");
    assertThat(host.linkBitsPerSecond()).isEqualTo(100_000_000.0);
    assertThat(d.endpoint()).isEqualTo("host eth0 link 100 Mbit/s");
    assertThat(d.info().category().id()).isEqualTo("business-host");
  }

  @Test
  void severalInterfacesWithoutOneNamedIsAnErrorListingThem() {
    new ProcFixture(dir).netDev("eth0 1 1", "docker0 1 1");

    assertThatThrownBy(() -> load("{id: app-1, protocol: host, link-mbps: 100, proc-dir: PROC}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("probe.yaml:4:5: devices[0].interface: missing value; this host has several interfaces, "
            + "name the one business traffic uses; available: eth0, docker0");
  }

  @Test
  void anInterfaceThisHostDoesNotHaveIsAnErrorListingTheOnesItHas() {
    new ProcFixture(dir).netDev("eth0 1 1", "wlan0 1 1");

    assertThatThrownBy(() -> load("{id: app-1, protocol: host, interface: eth9, link-mbps: 100, proc-dir: PROC}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("devices[0].interface: no interface 'eth9' on this host; available: lo, eth0, wlan0");
  }

  @Test
  void theLinkCapacityIsRequiredAndAboveZeroReportedTogetherWithOtherProblems() {
    new ProcFixture(dir).netDev("eth0 1 1");

    assertThatThrownBy(() -> load("{id: app-1, protocol: host, proc-dir: PROC, port: 502}"))
        .hasMessageContaining("devices[0].link-mbps: missing value; the declared link capacity in Mbit/s")
        .hasMessageContaining("devices[0].port: unknown field");
    assertThatThrownBy(() -> load("{id: app-1, protocol: host, link-mbps: 0, proc-dir: PROC}"))
        .hasMessageContaining("devices[0].link-mbps: expected a number of Mbit/s above 0, e.g. 100, found '0'");
  }

  @Test
  void withoutProcfsTheErrorSaysTheProbeRunsOnLinux() {
    assertThatThrownBy(() -> load("{id: app-1, protocol: host, link-mbps: 100, proc-dir: PROC/nowhere}"))
        .hasMessageContaining("devices[0].proc-dir: cannot read " + dir.resolve("nowhere/net/dev"))
        .hasMessageContaining("the host probe runs on Linux");
  }

  @Test
  void aCategoryOrKindInTheFileWinsOverTheDefaults() {
    new ProcFixture(dir).netDev("eth0 1 1");

    DeviceConfig d = load("{id: app-1, protocol: host, link-mbps: 1.5, proc-dir: PROC, category: other, kind: db-server}")
        .devices().get(0);

    assertThat(d.category()).isEqualTo(EquipmentCategory.OTHER);
    assertThat(d.kind()).isEqualTo("db-server");
    assertThat(d.endpoint()).isEqualTo("host eth0 link 1.5 Mbit/s");
  }
}

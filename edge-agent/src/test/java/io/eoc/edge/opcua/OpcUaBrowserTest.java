package io.eoc.edge.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.edge.opcua.OpcUaBrowser.BrowseNode;
import io.eoc.sim.model.Models;
import io.eoc.sim.opcua.OpcUaEquipmentServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpcUaBrowserTest {
  @TempDir Path tmp;

  @Test
  void browsePrintsEachDeviceWithItsTagsAndYamlReadyNodeIds() throws Exception {
    try (OpcUaEquipmentServer server = OpcUaEquipmentServer.start(
        OpcUaEquipmentServer.Options.local(tmp).withTick(Duration.ofHours(1)),
        Map.of("motor-1", Models.create("motor", 1, Instant.parse("2026-01-01T00:00:00Z"))))) {
      List<BrowseNode> tree = OpcUaBrowser.browse(server.endpointUrl(), 3, false);
      // Milo 1.1.2 also lists its own Locations and Aliases folders under Objects.
      BrowseNode device = tree.stream().filter(n -> n.browseName().equals("motor-1")).findFirst()
          .orElseThrow(() -> new AssertionError("no motor-1 under Objects: " + tree));
      assertThat(device.nodeClass()).isEqualTo("Object");
      assertThat(device.children()).extracting(BrowseNode::browseName)
          .contains("running", "active_power", "Start", "Stop");
      BrowseNode power = device.children().stream()
          .filter(n -> n.browseName().equals("active_power")).findFirst().orElseThrow();
      assertThat(power.dataType()).hasValue("Double");
      assertThat(power.yaml()).isEqualTo("node: \"" + server.nodeId("motor-1", "active_power") + "\"");
      assertThat(power.children()).extracting(BrowseNode::browseName)
          .contains("EURange", "EngineeringUnits");

      StringWriter out = new StringWriter();
      BrowseCommand.print(new PrintWriter(out), tree, "");
      assertThat(out.toString()).contains("active_power (Variable, Double) = ")
          .contains("node: \"ns=2;s=motor-1.active_power\"");
    }
  }
}

package io.eoc.sim.plant;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.sim.model.EquipmentModel;
import io.eoc.sim.model.Models;
import io.eoc.sim.model.PhysicalRelations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The physical relations of the demo plant, as the issue asks: every demo device, with its seed
 * and set points, over a simulated midsummer day (and the night around it), sampled every 10 s.
 */
class DemoPlantPhysicsTest {

  private static final Instant MIDNIGHT = Instant.parse("2024-06-20T16:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(10);

  @Test
  void everyDemoDeviceKeepsItsPhysicalRelationsForADay() {
    Map<String, EquipmentModel> models = new HashMap<>();
    Map<String, PhysicalRelations.Sample> last = new HashMap<>();
    List<DeviceSpec> devices = PlantScenario.demo().devices();
    for (DeviceSpec d : devices) {
      EquipmentModel model = Models.create(d.kind(), d.seed(), MIDNIGHT);
      d.setpoints().forEach(model::write);
      models.put(d.id(), model);
    }
    PhysicalRelations relations = new PhysicalRelations();
    Map<String, Map<String, Double>> first = new HashMap<>();
    for (int i = 0; i < 24 * 360; i++) {
      for (DeviceSpec d : devices) {
        EquipmentModel model = models.get(d.id());
        model.step(STEP);
        PhysicalRelations.Sample now =
            new PhysicalRelations.Sample(d.id(), d.kind(), model.now(), model.values());
        relations.check(last.get(d.id()), now);
        last.put(d.id(), now);
        first.putIfAbsent(d.id(), now.values());
      }
    }
    assertThat(relations.violations()).isEmpty();
    List<String> metered = new ArrayList<>();
    List<String> moved = new ArrayList<>();
    first.forEach((id, start) -> {
      if (start.containsKey("energy")) {
        metered.add(id);
        if (models.get(id).value("energy") > start.get("energy")) {
          moved.add(id);
        }
      }
    });
    assertThat(moved).as("every energy meter moved").containsExactlyInAnyOrderElementsOf(metered);
    assertThat(models.get("pv-1").value("total_energy") - first.get("pv-1").get("total_energy"))
        .as("the day's PV yield, kWh").isBetween(100.0, 900.0);
    assertThat(models.get("pv-1").value("daily_energy")).as("midnight again").isZero();
    assertThat(models.get("cnc-1").value("part_count") - first.get("cnc-1").get("part_count"))
        .as("a day shift's parts").isBetween(60.0, 160.0);
    assertThat(models.get("excavator-1").value("engine_hours")
        - first.get("excavator-1").get("engine_hours")).isBetween(8.0, 9.6);
  }
}

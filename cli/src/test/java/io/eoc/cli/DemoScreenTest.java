package io.eoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.ingest.services.ScreenSpec;
import io.eoc.ingest.store.LatestValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoScreenTest {
  private static final Instant T = Instant.parse("2026-11-22T08:00:00Z");

  private static DemoScreen.Shown device(String id, String... tags) {
    List<LatestValue> values = new ArrayList<>();
    for (String tag : tags) {
      values.add(new LatestValue("demo-agent", id, tag, tag.equals("power") ? "kW" : "", T, 1.5, 0));
    }
    return new DemoScreen.Shown(id, values);
  }

  @Test
  void theDemoPlantsScreenPassesTheValidationAnEngineersScreenPasses() throws Exception {
    List<DemoScreen.Shown> devices = List.of(device("wind-1", "power", "wind_speed"), device("pv-1", "power"),
        device("boiler-1", "steam_pressure", "steam_flow"), device("meter-1", "energy"), device("motor-1"));
    Map<String, List<String>> catalogue = devices.stream().collect(Collectors.toMap(DemoScreen.Shown::device,
        d -> d.values().stream().map(LatestValue::tag).toList()));

    ScreenSpec spec = ScreenSpec.of(DemoScreen.definition("demo-agent", devices),
        (agent, device) -> agent.equals("demo-agent") ? Optional.ofNullable(catalogue.get(device)) : Optional.empty());

    assertThat(spec.name()).isEqualTo(DemoScreen.NAME);
    assertThat(spec.width()).isEqualTo(4 * 280);
    assertThat(spec.elements()).filteredOn(e -> e instanceof ScreenSpec.Device).hasSize(5);
    assertThat(spec.elements()).filteredOn(e -> e instanceof ScreenSpec.Value).hasSize(6)
        .anySatisfy(e -> assertThat(((ScreenSpec.Value) e).unit()).contains("kW"));
    assertThat(spec.elements()).filteredOn(e -> e instanceof ScreenSpec.Link).as("one per device with values").hasSize(4);
    assertThat(spec.elements()).filteredOn(e -> e instanceof ScreenSpec.Device)
        .allSatisfy(e -> assertThat(((ScreenSpec.Device) e).y()).isLessThan(spec.height()));
  }
}

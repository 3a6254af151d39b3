package io.eoc.ingest.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A screen definition read and checked without a database: the catalogue is a map. */
class ScreenSpecTest {
  private final List<String> lookedUp = new ArrayList<>();
  private final ScreenSpec.Catalogue catalogue = (agent, device) -> {
    lookedUp.add(agent + "/" + device);
    return agent.equals("plant-a") && device.equals("boiler-1") ? Optional.of(List.of("steam_pressure", "water_level"))
        : Optional.empty();
  };

  private static Map<String, Object> screen(List<Map<String, Object>> elements) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", " boiler house ");
    m.put("width", 1200);
    m.put("height", 700);
    m.put("elements", elements);
    return m;
  }

  private static Map<String, Object> value(String id, String tag, Object min, Object max) {
    Map<String, Object> m = new LinkedHashMap<>(Map.of("id", id, "kind", "value", "agent", "plant-a", "device", "boiler-1", "tag", tag,
        "x", 100, "y", 160, "unit", "MPa", "decimals", 2));
    m.put("min", min);
    m.put("max", max);
    return m;
  }

  @Test
  void aValidDefinitionIsReadIntoTypedElementsAndWrittenBackAsItWasGiven() throws Exception {
    List<Map<String, Object>> elements = List.of(
        Map.of("id", "l1", "kind", "link", "from", "b1", "to", "p1"),
        Map.of("id", "b1", "kind", "device", "agent", "plant-a", "device", "boiler-1", "x", 0, "y", 700, "label", "Boiler 1"),
        value("p1", "steam_pressure", 0.2, 1.6),
        value("p2", "water_level", 10, null),
        Map.of("id", "t0", "kind", "label", "text", "Boiler house", "x", 1200, "y", 20));
    ScreenSpec spec = ScreenSpec.of(screen(elements), catalogue);
    assertThat(spec.name()).isEqualTo("boiler house");
    assertThat(spec.description()).isEmpty();
    assertThat(spec.elements()).hasSize(5);
    assertThat(spec.elements().get(0)).isEqualTo(new ScreenSpec.Link("l1", "b1", "p1"));
    assertThat(spec.elements().get(2)).isEqualTo(new ScreenSpec.Value("p1", "plant-a", "boiler-1", "steam_pressure", 100, 160,
        Optional.empty(), Optional.of("MPa"), Optional.of(2), Optional.of(0.2), Optional.of(1.6)));
    assertThat(((ScreenSpec.Value) spec.elements().get(3)).max()).isEmpty();
    assertThat(lookedUp).as("one look-up per device").containsExactly("plant-a/boiler-1");

    Map<String, Object> stored = new LinkedHashMap<>(spec.definition());
    assertThat(spec.elements().get(2).json()).containsExactly(Map.entry("id", "p1"), Map.entry("kind", "value"),
        Map.entry("agent", "plant-a"), Map.entry("device", "boiler-1"), Map.entry("tag", "steam_pressure"), Map.entry("x", 100L),
        Map.entry("y", 160L), Map.entry("unit", "MPa"), Map.entry("decimals", 2), Map.entry("min", 0.2), Map.entry("max", 1.6));
    stored.put("name", spec.name());
    assertThat(ScreenSpec.stored(stored)).isEqualTo(spec);
  }

  @Test
  void aStoredDefinitionIsNotCheckedAgainstTheCatalogueAgain() {
    Map<String, Object> stored = screen(List.of(Map.of("id", "b9", "kind", "device", "agent", "plant-z", "device", "gone", "x", 1, "y", 1)));
    assertThat(ScreenSpec.stored(stored).elements()).hasSize(1);
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void everyProblemIsCollectedWithItsPath() {
    Map<String, Object> json = screen(List.of(
        Map.of("id", "b1", "kind", "device", "agent", "plant-a", "device", "boiler-2", "x", 1201, "y", 0),
        value("p1", "steam_presure", 2, 1),
        Map.of("id", "p1", "kind", "label", "text", "dup", "x", 1, "y", 1, "tag", "x"),
        Map.of("id", "l1", "kind", "link", "from", "p1", "to", "nowhere"),
        Map.of("id", "l2", "kind", "link", "from", "l1", "to", "b1")));
    assertThatThrownBy(() -> ScreenSpec.of(json, catalogue)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid scada screen: ")
        .hasMessageContaining("field 'elements[0].x' must be from 0.0 to 1200.0, was 1201")
        .hasMessageContaining("field 'elements[0].device': no device 'boiler-2' of agent 'plant-a' in the ledger")
        .hasMessageContaining("field 'elements[1].min' (2.0) must not be greater than max (1.0)")
        .hasMessageContaining("field 'elements[1].tag': device 'boiler-1' of agent 'plant-a' has no tag 'steam_presure'; its tags: "
            + "[steam_pressure, water_level]")
        .hasMessageContaining("unknown field 'elements[2].tag' (fields: id, kind, text, x, y)")
        .hasMessageContaining("field 'elements[2].id': 'p1' is also the id of elements[1]")
        .hasMessageContaining("field 'elements[3].to': no element of this screen has the id 'nowhere'")
        .hasMessageContaining("field 'elements[4].from': 'l1' is a link element; a link joins device or value elements");
  }

  @Test
  void anUpdateNamesTheVersionItChanges() throws Exception {
    Map<String, Object> json = screen(List.of(Map.of("id", "t0", "kind", "label", "text", "x", "x", 1, "y", 1)));
    json.put("version", 3);
    assertThat(ScreenSpec.update(json, catalogue).version()).isEqualTo(3);
    json.put("version", 0);
    assertThatThrownBy(() -> ScreenSpec.update(json, catalogue))
        .hasMessage("invalid scada screen: field 'version' must be a whole number from 1 to 2147483647, was 0");
    assertThatThrownBy(() -> ScreenSpec.of(json, catalogue))
        .hasMessageContaining("unknown field 'version' (fields: description, elements, height, name, width)");
  }
}

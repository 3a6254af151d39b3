package io.eoc.cli;

import io.eoc.ingest.Cloud;
import io.eoc.ingest.services.ScadaScreens;
import io.eoc.ingest.store.DeviceRow;
import io.eoc.ingest.store.LatestValue;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo plant's SCADA screen (组态画面), laid out from the devices the agent reported and their
 * first measured tags, so that the console of {@code eoc demo} has a screen to open. A plant
 * engineer draws real ones with {@code POST /api/scada/screens}.
 */
final class DemoScreen {
  static final String NAME = "demo plant";
  static final int VALUES_PER_DEVICE = 2;
  private static final int COLUMNS = 4;
  private static final int CELL_WIDTH = 280;
  private static final int CELL_HEIGHT = 200;
  private static final int TOP = 60;

  private DemoScreen() {}

  /** A device (named by its id: the boxes are small, the full name is in its tooltip) and the tags shown under it. */
  record Shown(String device, List<LatestValue> values) {}

  /** Creates the screen unless one exists already; its id when created. */
  static Optional<Long> createIfNone(Cloud cloud, String agent, Clock clock) throws SQLException {
    ScadaScreens screens = new ScadaScreens(cloud.dataSource(), clock);
    if (!screens.list().isEmpty()) {
      return Optional.empty();
    }
    List<Shown> shown = new ArrayList<>();
    for (DeviceRow d : cloud.queries().devices()) {
      if (d.agentId().equals(agent)) {
        List<LatestValue> values = cloud.queries().latest(d.id(), Optional.of(agent)).stream()
            .filter(v -> !v.tag().startsWith("alarm:")).limit(VALUES_PER_DEVICE).toList();
        shown.add(new Shown(d.id(), values));
      }
    }
    if (shown.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(screens.create(definition(agent, shown), "eoc demo").id());
  }

  /** Devices in rows of four, each with its values below it, linked to it. */
  static Map<String, Object> definition(String agent, List<Shown> devices) {
    int columns = Math.min(COLUMNS, devices.size());
    int rows = (devices.size() + COLUMNS - 1) / COLUMNS;
    List<Map<String, Object>> elements = new ArrayList<>();
    elements.add(element("title", "label", Map.of("text", "Demo plant: " + agent, "x", 20, "y", 30)));
    for (int i = 0; i < devices.size(); i++) {
      Shown d = devices.get(i);
      int x = CELL_WIDTH / 2 + (i % COLUMNS) * CELL_WIDTH;
      int y = TOP + 40 + (i / COLUMNS) * CELL_HEIGHT;
      String device = "d" + i;
      elements.add(element(device, "device", Map.of("agent", agent, "device", d.device(), "x", x, "y", y, "label", d.device())));
      for (int k = 0; k < d.values().size(); k++) {
        LatestValue v = d.values().get(k);
        String value = device + "v" + k;
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("agent", agent, "device", d.device(), "tag", v.tag(),
            "x", x, "y", y + 60 + 30 * k, "label", v.tag(), "decimals", 2));
        if (!v.unit().isBlank()) {
          fields.put("unit", v.unit());
        }
        elements.add(element(value, "value", fields));
      }
      if (!d.values().isEmpty()) {
        elements.add(element(device + "l", "link", Map.of("from", device, "to", device + "v0")));
      }
    }
    Map<String, Object> screen = new LinkedHashMap<>();
    screen.put("name", NAME);
    screen.put("description", "made by eoc demo from the devices of " + agent);
    screen.put("width", Math.max(columns, 1) * CELL_WIDTH);
    screen.put("height", TOP + rows * CELL_HEIGHT);
    screen.put("elements", elements);
    return screen;
  }

  private static Map<String, Object> element(String id, String kind, Map<String, Object> fields) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", id);
    e.put("kind", kind);
    e.putAll(fields);
    return e;
  }
}

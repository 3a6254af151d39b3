package io.eoc.ingest.services;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A new inspection plan as an operator enters it, validated with every problem reported together. */
public record InspectionPlanSpec(String agent, String device, String name, int intervalHours, List<Inspections.Item> items) {
  private static final Set<String> FIELDS = Set.of("agent", "device", "name", "intervalHours", "items");
  private static final Set<String> ITEM_FIELDS = Set.of("name", "tag", "min", "max");

  public InspectionPlanSpec {
    items = List.copyOf(items);
  }

  public static InspectionPlanSpec of(Map<String, Object> json) {
    Fields f = new Fields(json, FIELDS);
    String agent = f.name("agent", true).orElse("");
    String device = f.name("device", true).orElse("");
    String name = f.text("name", true).orElse("");
    long hours = f.whole("intervalHours", true, 1, Inspections.MAX_INTERVAL_HOURS).orElse(1L);
    List<Map<String, Object>> raw = f.objects("items", true, Inspections.MAX_ITEMS);
    Set<String> seen = new HashSet<>();
    List<Inspections.Item> items = new java.util.ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Fields it = new Fields(raw.get(i), ITEM_FIELDS, "items[" + i + "].", f.errors());
      String item = it.text("name", true).orElse("");
      var tag = it.name("tag", false);
      var min = it.number("min", false, -Double.MAX_VALUE, Double.MAX_VALUE);
      var max = it.number("max", false, -Double.MAX_VALUE, Double.MAX_VALUE);
      if (!item.isEmpty() && !seen.add(item)) {
        f.error("field 'items[" + i + "].name': '" + item + "' is listed twice; item names must be unique in a plan");
      }
      if (tag.isEmpty() && (min.isPresent() || max.isPresent())) {
        f.error("field 'items[" + i + "].tag' is required when min or max is given (the range applies to the tag's value)");
      }
      if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
        f.error("field 'items[" + i + "].min' (" + min.get() + ") must not be greater than max (" + max.get() + ")");
      }
      items.add(new Inspections.Item(item, tag, min, max));
    }
    f.check("inspection plan");
    return new InspectionPlanSpec(agent, device, name, (int) hours, items);
  }
}

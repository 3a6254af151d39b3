package io.eoc.ingest.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A round as an operator submits it: a result per item, and where it was done (定位打卡, optional). */
public record InspectionRound(List<Reported> results, Optional<String> location) {
  public static final List<String> RESULTS = List.of("ok", "abnormal");
  private static final Set<String> FIELDS = Set.of("results", "location");
  private static final Set<String> RESULT_FIELDS = Set.of("item", "result", "note");

  public record Reported(String item, String result, Optional<String> note) {}

  public InspectionRound {
    results = List.copyOf(results);
  }

  public static InspectionRound of(Map<String, Object> json) {
    Fields f = new Fields(json, FIELDS);
    Optional<String> location = f.text("location", false);
    List<Map<String, Object>> raw = f.objects("results", true, Inspections.MAX_ITEMS);
    List<Reported> results = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Fields r = new Fields(raw.get(i), RESULT_FIELDS, "results[" + i + "].", f.errors());
      String item = r.text("item", true).orElse("");
      String result = r.choice("result", true, RESULTS).orElse("ok");
      Optional<String> note = r.text("note", false);
      if (result.equals("abnormal") && note.isEmpty()) {
        f.error("field 'results[" + i + "].note' is required when the result is abnormal (say what was found)");
      }
      results.add(new Reported(item, result, note));
    }
    f.check("inspection round");
    return new InspectionRound(results, location);
  }

  /** A 400 unless there is exactly one result for each item of the plan and none for another item. */
  void requireCovers(Inspections.Plan plan) {
    List<String> names = plan.items().stream().map(Inspections.Item::name).toList();
    List<String> errors = new ArrayList<>();
    for (String n : names) {
      long k = results.stream().filter(r -> r.item().equals(n)).count();
      if (k != 1) {
        errors.add("item '" + n + "' needs exactly one result, has " + k);
      }
    }
    results.stream().map(Reported::item).filter(i -> !names.contains(i)).distinct()
        .forEach(i -> errors.add("item '" + i + "' is not in plan " + plan.id() + " (its items: " + names + ")"));
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid inspection round: " + String.join("; ", errors));
    }
  }
}

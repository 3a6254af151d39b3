package io.eoc.ingest.services;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The closed loop of a work order (jiangsu-2023 §四 设备管理/工单管理: 闭环流程): open → in-progress →
 * done, or cancelled from open or in-progress. Done and cancelled are final.
 */
public enum WorkOrderState {
  OPEN("open"), IN_PROGRESS("in-progress"), DONE("done"), CANCELLED("cancelled");

  private static final Map<WorkOrderState, List<WorkOrderState>> NEXT = Map.of(
      OPEN, List.of(IN_PROGRESS, CANCELLED),
      IN_PROGRESS, List.of(DONE, CANCELLED),
      DONE, List.of(),
      CANCELLED, List.of());
  public static final List<String> IDS = Arrays.stream(values()).map(WorkOrderState::id).toList();
  private final String id;

  WorkOrderState(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public List<WorkOrderState> next() {
    return NEXT.get(this);
  }

  public boolean isFinal() {
    return next().isEmpty();
  }

  public static WorkOrderState parse(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "unknown work-order state '" + id + "'; states: " + String.join(", ", IDS)));
  }

  /** A 409 that names the current state and the allowed ones, unless {@code to} may follow this state. */
  void requireNext(long order, WorkOrderState to) {
    if (next().contains(to)) {
      return;
    }
    String allowed = isFinal() ? "it is final, no state change is allowed"
        : "allowed from " + id + ": " + String.join(", ", next().stream().map(WorkOrderState::id).toList());
    throw Refusal.conflict("work order " + order + " is " + id + " and cannot go to " + to.id + "; " + allowed);
  }
}

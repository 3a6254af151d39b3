package io.eoc.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 工单管理 (jiangsu-2023 §四 设备管理/工单管理): work orders, their sources and their closed loop. */
class WorkOrdersApiTest extends DeviceManagementFixture {
  private static final Map<String, Object> REPAIR = Map.of("agent", "plant-a", "device", "boiler-1", "kind", "repair",
      "title", "replace the feed pump seal", "assignee", "otto");

  @Test
  void anOrderGoesFromOpenThroughInProgressToDoneWithEveryStepTimedAndAttributed() throws Exception {
    JsonNode created = expect(201, api.send("POST", "/api/work-orders", REPAIR, admin));
    long id = created.get("id").asLong();
    assertThat(created.get("state").asText()).isEqualTo("open");
    assertThat(created.get("assignee").asText()).isEqualTo("otto");
    advance(Duration.ofMinutes(30));
    expect(200, api.send("POST", "/api/work-orders/" + id + "/state", Map.of("state", "in-progress"), operator));
    advance(Duration.ofHours(2));
    JsonNode done = expect(200, api.send("POST", "/api/work-orders/" + id + "/state", Map.of("state", "done", "note", "seal replaced"),
        operator));
    assertThat(done.get("state").asText()).isEqualTo("done");
    assertThat(done.get("maintenanceRecord").isNull()).as("a repair is no maintenance record").isTrue();
    List<String> steps = new ArrayList<>();
    done.get("events").forEach(e -> steps.add(e.get("at").asText() + " " + e.get("by").asText() + " " + e.get("action").asText() + " "
        + e.get("from").asText() + "->" + e.get("to").asText() + " " + e.get("assignee").asText() + " " + e.get("note").asText()));
    assertThat(steps).containsExactly(
        "2026-03-02T10:15:00Z user:root create null->open null null",
        "2026-03-02T10:15:00Z user:root assign null->null otto null",
        "2026-03-02T10:45:00Z user:otto state open->in-progress null null",
        "2026-03-02T12:45:00Z user:otto state in-progress->done null seal replaced");
    assertThat(api.audit()).anySatisfy(a -> assertThat(a).isEqualTo("user:otto work-order-state work-order:" + id + " ok state done, assignee otto"));
  }

  @Test
  void everyTransitionTheStateMachineDoesNotAllowIsRefusedNamingTheCurrentStateAndTheAllowedOnes() throws Exception {
    long open = create();
    assertThat(move(open, "done", 409)).isEqualTo("work order " + open + " is open and cannot go to done; allowed from open: in-progress, cancelled");
    assertThat(move(open, "open", 409)).contains("is open and cannot go to open");
    long inProgress = create();
    move(inProgress, "in-progress", 200);
    assertThat(move(inProgress, "open", 409)).isEqualTo("work order " + inProgress
        + " is in-progress and cannot go to open; allowed from in-progress: done, cancelled");
    assertThat(move(inProgress, "in-progress", 409)).contains("cannot go to in-progress");
    long done = create();
    move(done, "in-progress", 200);
    move(done, "done", 200);
    long cancelled = create();
    move(cancelled, "cancelled", 200);
    for (String to : List.of("open", "in-progress", "done", "cancelled")) {
      assertThat(move(done, to, 409)).isEqualTo("work order " + done + " is done and cannot go to " + to
          + "; it is final, no state change is allowed");
      assertThat(move(cancelled, to, 409)).isEqualTo("work order " + cancelled + " is cancelled and cannot go to " + to
          + "; it is final, no state change is allowed");
    }
    long cancelledInProgress = create();
    move(cancelledInProgress, "in-progress", 200);
    move(cancelledInProgress, "cancelled", 200);
    assertThat(error(409, api.send("POST", "/api/work-orders/" + done + "/assign", Map.of("assignee", "root"), operator)))
        .contains("is done (final) and cannot be reassigned");
    assertThat(api.count("SELECT count(*) FROM work_order_events WHERE action = 'state'")).isEqualTo(6);
  }

  @Test
  void invalidOrdersAndChangesAreRefusedWithEveryProblemNamed() throws Exception {
    assertThat(error(400, api.send("POST", "/api/work-orders", Map.of("kind", "paint", "maintenancePlan", 1, "colour", 1,
        "alarm", Map.of("name", "x"), "inspection", Map.of("record", 0, "item", "y")), operator)))
        .startsWith("invalid work order: ").contains("unknown field 'colour'").contains("field 'kind' must be one of repair, maintenance, "
            + "inspection, other, was 'paint'").contains("field 'title' is required").contains("field 'alarm.raisedAt' is required")
        .contains("field 'inspection.record' must be a whole number").contains("fields 'alarm' and 'inspection' exclude each other");
    assertThat(error(400, api.send("POST", "/api/work-orders", Map.of("title", "x"), operator)))
        .contains("fields 'agent' and 'device' are required unless the work order comes from an inspection");
    assertThat(error(400, api.send("POST", "/api/work-orders", Map.of("agent", "plant-a", "device", "boiler-1", "title", "x",
        "maintenancePlan", 1), operator))).contains("field 'maintenancePlan' needs kind 'maintenance', was 'repair'");
    assertThat(error(400, api.send("POST", "/api/work-orders", Map.of("agent", "plant-a", "device", "boiler-1", "title", "x",
        "assignee", "ada"), operator))).contains("'ada' is an assessor (read-only)");
    assertThat(error(400, api.send("POST", "/api/work-orders", Map.of("agent", "plant-a", "device", "boiler-1", "title", "x",
        "assignee", "ghost"), operator))).contains("no enabled user 'ghost'");
    assertThat(error(404, api.send("POST", "/api/work-orders", Map.of("agent", "plant-a", "device", "nope", "title", "x"), operator)))
        .contains("no device 'nope'");
    long id = create();
    assertThat(error(400, api.send("POST", "/api/work-orders/" + id + "/state", Map.of("state", "closed"), operator)))
        .contains("field 'state' must be one of open, in-progress, done, cancelled, was 'closed'");
    assertThat(error(400, api.send("POST", "/api/work-orders/" + id + "/assign", Map.of(), operator))).contains("field 'assignee' is required");
    assertThat(error(404, api.send("POST", "/api/work-orders/999/state", Map.of("state", "cancelled"), operator))).isEqualTo("no work order 999");
    assertThat(error(400, api.get("/api/work-orders?state=closed", operator))).contains("unknown work-order state 'closed'");
  }

  @Test
  void anOrderFromAnAlarmIsLinkedToItAndAnUnknownAlarmIsRefused() throws Exception {
    JsonNode o = expect(201, api.send("POST", "/api/work-orders", Map.of("agent", "plant-a", "device", "boiler-1", "title", "high pressure",
        "alarm", Map.of("name", "high-pressure", "raisedAt", "2026-03-02T10:07:00Z")), operator));
    assertThat(o.get("alarm").get("name").asText()).isEqualTo("high-pressure");
    assertThat(o.get("alarm").get("raisedAt").asText()).isEqualTo("2026-03-02T10:07:00Z");
    assertThat(error(404, api.send("POST", "/api/work-orders", Map.of("agent", "plant-a", "device", "boiler-1", "title", "x",
        "alarm", Map.of("name", "high-pressure", "raisedAt", "2026-03-02T10:04:00Z")), operator)))
        .as("10:04 is when it cleared").contains("no alarm 'high-pressure' raised at 2026-03-02T10:04:00Z on device plant-a/boiler-1");
  }

  @Test
  void anOrderFromAnAbnormalInspectionItemTakesItsDeviceAndAnOkItemIsRefused() throws Exception {
    long plan = expect(201, api.send("POST", "/api/inspection/plans", Map.of("agent", "plant-a", "device", "boiler-1", "name", "round",
        "intervalHours", 24, "items", List.of(Map.of("name", "gauge", "tag", "pressure", "max", 25), Map.of("name", "noise"))), operator))
        .get("id").asLong();
    long record = expect(201, api.send("POST", "/api/inspection/plans/" + plan + "/records", Map.of("results", List.of(
        Map.of("item", "gauge", "result", "ok"), Map.of("item", "noise", "result", "ok"))), operator)).get("id").asLong();
    JsonNode o = expect(201, api.send("POST", "/api/work-orders", Map.of("title", "pressure above range",
        "inspection", Map.of("record", record, "item", "gauge")), operator));
    assertThat(o.get("agent").asText() + "/" + o.get("device").asText()).isEqualTo("plant-a/boiler-1");
    assertThat(o.get("inspection").get("record").asLong()).isEqualTo(record);
    assertThat(o.get("inspection").get("item").asText()).isEqualTo("gauge");
    assertThat(error(409, api.send("POST", "/api/work-orders", Map.of("title", "x", "inspection", Map.of("record", record, "item", "noise")),
        operator))).contains("item 'noise' of inspection record " + record + " is ok");
    assertThat(error(400, api.send("POST", "/api/work-orders", Map.of("title", "x", "device", "boiler-2",
        "inspection", Map.of("record", record, "item", "gauge")), operator))).contains("is of device plant-a/boiler-1, not plant-a/boiler-2");
    assertThat(error(404, api.send("POST", "/api/work-orders", Map.of("title", "x", "inspection", Map.of("record", record, "item", "smell")),
        operator))).contains("has no item 'smell'");
  }

  @Test
  void ordersAreListedByStateDeviceAndAssignee() throws Exception {
    long a = create();
    expect(201, api.send("POST", "/api/work-orders", Map.of("agent", "plant-a", "device", "boiler-2", "title", "b", "assignee", "root"), operator));
    move(a, "in-progress", 200);
    assertThat(ids("/api/work-orders?state=in-progress")).containsExactly(a);
    assertThat(ids("/api/work-orders?device=boiler-2")).containsExactly(a + 1);
    assertThat(ids("/api/work-orders?assignee=otto")).containsExactly(a);
    assertThat(ids("/api/work-orders")).containsExactly(a + 1, a);
    assertThat(ids("/api/work-orders?state=open&assignee=otto")).isEmpty();
  }

  @Test
  void anAssessorReadsOrdersButCannotCreateAssignOrMoveThem() throws Exception {
    long id = create();
    expect(403, api.send("POST", "/api/work-orders", REPAIR, assessor));
    expect(403, api.send("POST", "/api/work-orders/" + id + "/assign", Map.of("assignee", "root"), assessor));
    expect(403, api.send("POST", "/api/work-orders/" + id + "/state", Map.of("state", "in-progress"), assessor));
    expect(200, api.get("/api/work-orders/" + id, assessor));
    assertThat(expect(200, api.get("/api/work-orders", assessor)).get("workOrders")).hasSize(1);
    assertThat(api.count("SELECT count(*) FROM work_order_events")).isEqualTo(2);
  }

  @Test
  void eachServedRequestIsOneUseOfWorkOrderAndARefusedOneIsNone() throws Exception {
    long id = create();
    expect(200, api.send("POST", "/api/work-orders/" + id + "/assign", Map.of("assignee", "root"), operator));
    expect(200, api.send("POST", "/api/work-orders/" + id + "/state", Map.of("state", "in-progress"), operator));
    expect(200, api.get("/api/work-orders/" + id, operator));
    expect(200, api.get("/api/work-orders", operator));
    move(id, "open", 409);
    expect(403, api.send("POST", "/api/work-orders", REPAIR, assessor));
    assertThat(uses("work-order")).isEqualTo(5);
    assertThat(allUses()).isEqualTo(5);
  }

  private long create() throws Exception {
    return expect(201, api.send("POST", "/api/work-orders", REPAIR, operator)).get("id").asLong();
  }

  /** The error of a refused move, or "" once it is served. */
  private String move(long id, String to, int status) throws Exception {
    JsonNode body = expect(status, api.send("POST", "/api/work-orders/" + id + "/state", Map.of("state", to), operator));
    return status == 200 ? "" : body.get("error").asText();
  }

  private List<Long> ids(String path) throws Exception {
    List<Long> out = new ArrayList<>();
    expect(200, api.get(path, operator)).get("workOrders").forEach(o -> out.add(o.get("id").asLong()));
    return out;
  }
}

package io.eoc.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 维修保养 (jiangsu-2023 §四 设备管理/维修保养): plans with their next due date, records, overdue plans. */
class MaintenanceApiTest extends DeviceManagementFixture {
  private static final Map<String, Object> PLAN = Map.of("agent", "plant-a", "device", "boiler-1", "name", "descaling",
      "intervalDays", 30);

  @Test
  void aRecordOfAPlanMovesItsNextDueDate() throws Exception {
    JsonNode plan = expect(201, api.send("POST", "/api/maintenance/plans", PLAN, operator));
    long id = plan.get("id").asLong();
    assertThat(plan.get("nextDue").asText()).isEqualTo("2026-04-01T10:15:00Z");
    assertThat(plan.get("lastDone").isNull()).isTrue();
    advance(Duration.ofDays(3));
    JsonNode record = expect(201, api.send("POST", "/api/maintenance/records", Map.of("agent", "plant-a", "device", "boiler-1", "plan", id,
        "work", "descaled the fire tubes", "parts", List.of("descaler 20 kg", "gasket DN50"), "costCny", 1860.5,
        "performedAt", "2026-03-05T08:00:00Z"), operator));
    assertThat(record.get("costCny").decimalValue()).isEqualByComparingTo("1860.50");
    assertThat(record.get("parts")).hasSize(2);
    assertThat(record.get("performedBy").asText()).isEqualTo("user:otto");
    JsonNode after = expect(200, api.get("/api/maintenance/plans?device=boiler-1", assessor)).get("plans").get(0);
    assertThat(after.get("lastDone").asText()).isEqualTo("2026-03-05T08:00:00Z");
    assertThat(after.get("nextDue").asText()).isEqualTo("2026-04-04T08:00:00Z");
    assertThat(expect(200, api.get("/api/maintenance/records?agent=plant-a", assessor)).get("records")).hasSize(1);
    assertThat(api.audit()).anySatisfy(a -> assertThat(a).startsWith("user:otto maintenance-record maintenance-record:1 ok")
        .contains("cost 1860.50 CNY"));
  }

  @Test
  void aPlanPastItsNextDueDateIsListedOverdue() throws Exception {
    long id = expect(201, api.send("POST", "/api/maintenance/plans", PLAN, operator)).get("id").asLong();
    expect(201, api.send("POST", "/api/maintenance/plans", Map.of("agent", "plant-a", "device", "boiler-2", "name", "burner check",
        "intervalDays", 7), operator));
    advance(Duration.ofDays(8));
    JsonNode overdue = expect(200, api.get("/api/maintenance/overdue", operator)).get("overdue");
    assertThat(overdue).hasSize(1);
    assertThat(overdue.get(0).get("name").asText()).isEqualTo("burner check");
    advance(Duration.ofDays(23));
    assertThat(expect(200, api.get("/api/maintenance/overdue", operator)).get("overdue")).extracting(p -> p.get("name").asText())
        .containsExactly("burner check", "descaling");
    expect(201, api.send("POST", "/api/maintenance/records", Map.of("agent", "plant-a", "device", "boiler-1", "plan", id, "work", "done"),
        operator));
    assertThat(expect(200, api.get("/api/maintenance/overdue", operator)).get("overdue")).hasSize(1);
  }

  @Test
  void aDoneMaintenanceWorkOrderBecomesAMaintenanceRecordOfItsPlan() throws Exception {
    long plan = expect(201, api.send("POST", "/api/maintenance/plans", PLAN, operator)).get("id").asLong();
    long order = expect(201, api.send("POST", "/api/work-orders", Map.of("agent", "plant-a", "device", "boiler-1", "kind", "maintenance",
        "title", "monthly descaling", "maintenancePlan", plan, "assignee", "otto"), admin)).get("id").asLong();
    expect(200, api.send("POST", "/api/work-orders/" + order + "/state", Map.of("state", "in-progress"), operator));
    assertThat(error(400, api.send("POST", "/api/work-orders/" + order + "/state", Map.of("state", "done",
        "maintenance", Map.of("costCny", -5, "parts", "gasket")), operator))).contains("field 'maintenance.costCny' must be from 0.0")
        .contains("field 'maintenance.parts' must be a list");
    advance(Duration.ofHours(1));
    JsonNode done = expect(200, api.send("POST", "/api/work-orders/" + order + "/state", Map.of("state", "done", "note", "descaled",
        "maintenance", Map.of("parts", List.of("descaler 20 kg"), "costCny", 420)), operator));
    long record = done.get("maintenanceRecord").asLong();
    JsonNode r = expect(200, api.get("/api/maintenance/records", operator)).get("records").get(0);
    assertThat(r.get("id").asLong()).isEqualTo(record);
    assertThat(r.get("workOrder").asLong()).isEqualTo(order);
    assertThat(r.get("plan").asLong()).isEqualTo(plan);
    assertThat(r.get("work").asText()).isEqualTo("descaled");
    assertThat(r.get("costCny").decimalValue()).isEqualByComparingTo("420");
    assertThat(r.get("performedBy").asText()).isEqualTo("user:otto");
    assertThat(r.get("performedAt").asText()).isEqualTo("2026-03-02T11:15:00Z");
    assertThat(expect(200, api.get("/api/maintenance/plans", operator)).get("plans").get(0).get("nextDue").asText())
        .isEqualTo("2026-04-01T11:15:00Z");

    long repair = expect(201, api.send("POST", "/api/work-orders", Map.of("agent", "plant-a", "device", "boiler-1", "title", "leak"),
        operator)).get("id").asLong();
    expect(200, api.send("POST", "/api/work-orders/" + repair + "/state", Map.of("state", "in-progress"), operator));
    assertThat(error(400, api.send("POST", "/api/work-orders/" + repair + "/state", Map.of("state", "done", "maintenance", Map.of()),
        operator))).contains("field 'maintenance' is only for state done of a work order of kind maintenance");
    expect(200, api.send("POST", "/api/work-orders/" + repair + "/state", Map.of("state", "done"), operator));
    assertThat(api.count("SELECT count(*) FROM maintenance_records")).as("a repair makes no maintenance record").isOne();
  }

  @Test
  void invalidPlansAndRecordsAreRefusedWithEveryProblemNamed() throws Exception {
    assertThat(error(400, api.send("POST", "/api/maintenance/plans", Map.of("agent", "plant-a", "intervalDays", 0, "intervalHours", 5),
        operator))).startsWith("invalid maintenance plan: ").contains("unknown field 'intervalHours'").contains("field 'device' is required")
        .contains("field 'name' is required").contains("field 'intervalDays' must be a whole number from 1 to 3660, was 0");
    assertThat(error(400, api.send("POST", "/api/maintenance/records", Map.of("agent", "plant-a", "device", "boiler-1", "costCny", 12.345,
        "performedAt", "2026-03-03T00:00:00Z", "parts", List.of("")), operator))).startsWith("invalid maintenance record: ")
        .contains("field 'work' is required").contains("field 'costCny' is in CNY (元) with at most 2 decimals (分), was 12.345")
        .contains("field 'performedAt' (2026-03-03T00:00:00Z) must not be in the future").contains("field 'parts' must be a list");
    long other = expect(201, api.send("POST", "/api/maintenance/plans", Map.of("agent", "plant-a", "device", "boiler-2", "name", "x",
        "intervalDays", 7), operator)).get("id").asLong();
    assertThat(error(400, api.send("POST", "/api/maintenance/records", Map.of("agent", "plant-a", "device", "boiler-1", "plan", other,
        "work", "x"), operator))).contains("plan " + other + " is for device plant-a/boiler-2, not plant-a/boiler-1");
    assertThat(error(404, api.send("POST", "/api/maintenance/records", Map.of("agent", "plant-a", "device", "boiler-1", "plan", 999,
        "work", "x"), operator))).isEqualTo("no maintenance plan 999");
    assertThat(error(404, api.send("POST", "/api/maintenance/plans", Map.of("agent", "plant-a", "device", "nope", "name", "x",
        "intervalDays", 7), operator))).contains("no device 'nope'");
    assertThat(api.count("SELECT count(*) FROM maintenance_records")).isZero();
  }

  @Test
  void anAssessorReadsButCannotWrite() throws Exception {
    expect(403, api.send("POST", "/api/maintenance/plans", PLAN, assessor));
    expect(403, api.send("POST", "/api/maintenance/records", Map.of("agent", "plant-a", "device", "boiler-1", "work", "x"), assessor));
    expect(200, api.get("/api/maintenance/plans", assessor));
    expect(200, api.get("/api/maintenance/records", assessor));
    expect(200, api.get("/api/maintenance/overdue", assessor));
    assertThat(api.count("SELECT count(*) FROM maintenance_plans")).isZero();
  }

  @Test
  void eachServedRequestIsOneUseOfMaintenanceAndARefusedOneIsNone() throws Exception {
    expect(201, api.send("POST", "/api/maintenance/plans", PLAN, operator));
    expect(201, api.send("POST", "/api/maintenance/records", Map.of("agent", "plant-a", "device", "boiler-1", "work", "x"), operator));
    expect(200, api.get("/api/maintenance/plans", operator));
    expect(200, api.get("/api/maintenance/records", operator));
    expect(200, api.get("/api/maintenance/overdue", operator));
    expect(400, api.send("POST", "/api/maintenance/plans", Map.of(), operator));
    expect(403, api.send("POST", "/api/maintenance/plans", PLAN, assessor));
    assertThat(uses("maintenance")).isEqualTo(5);
    assertThat(allUses()).isEqualTo(5);
  }
}

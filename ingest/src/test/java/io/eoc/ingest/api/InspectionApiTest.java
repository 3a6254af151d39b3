package io.eoc.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 设备点检 (jiangsu-2023 §四 设备管理/设备点检): plans, rounds with tag values checked, overdue plans. */
class InspectionApiTest extends DeviceManagementFixture {
  private static final Map<String, Object> PLAN = Map.of("agent", "plant-a", "device", "boiler-1", "name", "daily round",
      "intervalHours", 24, "items", List.of(Map.of("name", "pressure gauge", "tag", "pressure", "min", 0, "max", 25),
          Map.of("name", "leaks")));

  @Test
  void aRoundAttachesTheTagsLatestValueAndMarksAnOutOfRangeItemAbnormalAlthoughReportedOk() throws Exception {
    JsonNode plan = expect(201, api.send("POST", "/api/inspection/plans", PLAN, operator));
    assertThat(plan.get("items").get(0).get("max").asDouble()).isEqualTo(25.0);
    assertThat(plan.get("due").asText()).isEqualTo("2026-03-03T10:15:00Z");

    JsonNode round = expect(201, api.send("POST", "/api/inspection/plans/" + plan.get("id").asLong() + "/records", Map.of(
        "location", "boiler house, east door", "results", List.of(Map.of("item", "pressure gauge", "result", "ok"),
            Map.of("item", "leaks", "result", "abnormal", "note", "drip at the feed pump flange"))), operator));
    JsonNode gauge = round.get("results").get(0);
    assertThat(gauge.get("reported").asText()).isEqualTo("ok");
    assertThat(gauge.get("result").asText()).isEqualTo("abnormal");
    assertThat(gauge.get("value").asDouble()).isEqualTo(27.0);
    assertThat(gauge.get("valueTime").asText()).isEqualTo("2026-03-02T10:08:00Z");
    assertThat(gauge.get("marked").asText()).contains("value 27.0 of tag 'pressure'").contains("outside the expected range [0.0, 25.0]")
        .contains("marked abnormal although reported ok");
    JsonNode leaks = round.get("results").get(1);
    assertThat(leaks.get("result").asText()).isEqualTo("abnormal");
    assertThat(leaks.get("note").asText()).isEqualTo("drip at the feed pump flange");
    assertThat(leaks.get("value").isNull()).isTrue();
    assertThat(round.get("submittedBy").asText()).isEqualTo("user:otto");
    assertThat(round.get("location").asText()).isEqualTo("boiler house, east door");

    JsonNode listed = expect(200, api.get("/api/inspection/records?device=boiler-1", assessor)).get("records");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("results").get(0).get("marked").asText()).contains("outside the expected range");
    assertThat(api.audit()).anySatisfy(a -> assertThat(a).startsWith("user:otto inspection-record inspection-record:")
        .contains("2 abnormal of 2"));
  }

  @Test
  void aValueWithinTheRangeIsAttachedAndTheReportedResultStands() throws Exception {
    long plan = expect(201, api.send("POST", "/api/inspection/plans", Map.of("agent", "plant-a", "device", "boiler-1", "name", "wide",
        "intervalHours", 8, "items", List.of(Map.of("name", "pressure", "tag", "pressure", "max", 30))), operator)).get("id").asLong();
    JsonNode result = expect(201, api.send("POST", "/api/inspection/plans/" + plan + "/records", Map.of("results",
        List.of(Map.of("item", "pressure", "result", "ok"))), admin)).get("results").get(0);
    assertThat(result.get("result").asText()).isEqualTo("ok");
    assertThat(result.get("value").asDouble()).isEqualTo(27.0);
    assertThat(result.get("marked").isNull()).isTrue();
  }

  @Test
  void everyProblemOfAPlanOrARoundIsReportedWithItsField() throws Exception {
    String plan = error(400, api.send("POST", "/api/inspection/plans", Map.of("device", "boiler 1", "intervalHours", 0, "colour", "red",
        "items", List.of(Map.of("name", "a", "tag", "pressure", "min", 5, "max", 1), Map.of("name", "a", "min", 1))), operator));
    assertThat(plan).startsWith("invalid inspection plan: ").contains("unknown field 'colour'").contains("field 'agent' is required")
        .contains("field 'device': 'boiler 1' is not a valid name").contains("field 'name' is required")
        .contains("field 'intervalHours' must be a whole number from 1 to 8784, was 0")
        .contains("field 'items[0].min' (5.0) must not be greater than max (1.0)")
        .contains("field 'items[1].name': 'a' is listed twice").contains("field 'items[1].tag' is required when min or max is given");
    assertThat(error(400, api.send("POST", "/api/inspection/plans", Map.of("agent", "plant-a", "device", "boiler-1", "name", "x",
        "intervalHours", 1, "items", List.of(Map.of("name", "t", "tag", "temperature"))), operator)))
        .contains("device 'boiler-1' has no tag(s) [temperature]; its tags: [pressure]");
    assertThat(error(404, api.send("POST", "/api/inspection/plans", Map.of("agent", "plant-a", "device", "nope", "name", "x",
        "intervalHours", 1, "items", List.of(Map.of("name", "t"))), operator))).contains("no device 'nope' of agent 'plant-a'");

    long id = expect(201, api.send("POST", "/api/inspection/plans", PLAN, operator)).get("id").asLong();
    String round = error(400, api.send("POST", "/api/inspection/plans/" + id + "/records", Map.of("results", List.of(
        Map.of("item", "leaks", "result", "maybe"), Map.of("item", "pressure gauge", "result", "abnormal"))), operator));
    assertThat(round).contains("field 'results[0].result' must be one of ok, abnormal, was 'maybe'")
        .contains("field 'results[1].note' is required when the result is abnormal");
    assertThat(error(400, api.send("POST", "/api/inspection/plans/" + id + "/records", Map.of("results", List.of(
        Map.of("item", "leaks", "result", "ok"), Map.of("item", "valve", "result", "ok"))), operator)))
        .contains("item 'pressure gauge' needs exactly one result, has 0").contains("item 'valve' is not in plan " + id);
    assertThat(error(404, api.send("POST", "/api/inspection/plans/999/records", Map.of("results", List.of(
        Map.of("item", "leaks", "result", "ok"))), operator)))
        .isEqualTo("no inspection plan 999");
    assertThat(error(400, api.get("/api/inspection/plans/x", operator))).contains("'plan id' must be a positive whole number");
    assertThat(api.count("SELECT count(*) FROM inspection_records")).isZero();
  }

  @Test
  void anAssessorReadsButCannotWrite() throws Exception {
    long id = expect(201, api.send("POST", "/api/inspection/plans", PLAN, operator)).get("id").asLong();
    expect(403, api.send("POST", "/api/inspection/plans", PLAN, assessor));
    expect(403, api.send("POST", "/api/inspection/plans/" + id + "/records", Map.of("results", List.of()), assessor));
    assertThat(expect(200, api.get("/api/inspection/plans", assessor)).get("plans")).hasSize(1);
    expect(200, api.get("/api/inspection/plans/" + id, assessor));
    expect(200, api.get("/api/inspection/overdue", assessor));
    assertThat(api.count("SELECT count(*) FROM inspection_plans")).isOne();
  }

  @Test
  void aPlanIsOverdueOnceItsIntervalPassesWithoutARound() throws Exception {
    long id = expect(201, api.send("POST", "/api/inspection/plans", PLAN, operator)).get("id").asLong();
    advance(Duration.ofHours(24));
    assertThat(expect(200, api.get("/api/inspection/overdue", operator)).get("overdue")).as("due exactly now").isEmpty();
    advance(Duration.ofMinutes(1));
    JsonNode overdue = expect(200, api.get("/api/inspection/overdue", operator)).get("overdue");
    assertThat(overdue).hasSize(1);
    assertThat(overdue.get(0).get("due").asText()).isEqualTo("2026-03-03T10:15:00Z");

    expect(201, api.send("POST", "/api/inspection/plans/" + id + "/records", Map.of("results", List.of(
        Map.of("item", "pressure gauge", "result", "abnormal", "note", "high"), Map.of("item", "leaks", "result", "ok"))), operator));
    assertThat(expect(200, api.get("/api/inspection/overdue", operator)).get("overdue")).isEmpty();
    JsonNode plan = expect(200, api.get("/api/inspection/plans/" + id, operator));
    assertThat(plan.get("lastRound").asText()).isEqualTo("2026-03-03T10:16:00Z");
    assertThat(plan.get("due").asText()).isEqualTo("2026-03-04T10:16:00Z");
    advance(Duration.ofHours(25));
    assertThat(expect(200, api.get("/api/inspection/overdue", operator)).get("overdue")).hasSize(1);
  }

  @Test
  void eachServedRequestIsOneUseOfInspectionAndARefusedOneIsNone() throws Exception {
    long id = expect(201, api.send("POST", "/api/inspection/plans", PLAN, operator)).get("id").asLong();
    expect(200, api.get("/api/inspection/plans", operator));
    expect(200, api.get("/api/inspection/plans/" + id, operator));
    expect(200, api.get("/api/inspection/records", operator));
    expect(200, api.get("/api/inspection/overdue", operator));
    expect(400, api.send("POST", "/api/inspection/plans", Map.of(), operator));
    expect(403, api.send("POST", "/api/inspection/plans", PLAN, assessor));
    assertThat(uses("inspection")).isEqualTo(5);
    assertThat(allUses()).isEqualTo(5);
  }
}

package io.eoc.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eoc.ingest.control.CommandSender;
import io.eoc.ingest.control.Commands;
import io.eoc.ingest.services.Optimisation;
import io.eoc.ingest.services.OptimisationScheduler;
import io.eoc.ingest.services.Usage;
import io.eoc.wire.CommandResult;
import io.eoc.wire.Point;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 决策优化/执行优化 (jiangsu-2023 §四): set-point trim strategies over HTTP on a real database. The
 * clock stands at 10:15; each compressor's discharge pressure and motor power were stored from
 * 10:10 to 10:14 and its unload pressure (the set point) at 10:14. Commands go to a downlink that
 * never acknowledges (see {@link ApiFixture#downlink}).
 */
class OptimisationApiTest extends DeviceManagementFixture {
  private static final String STRATEGIES = "/api/optimisation/strategies";

  @BeforeEach
  void compressors() throws Exception {
    compressor("compressor-1", 0.74, 0.75);
  }

  private void compressor(String device, double pressure, double unload) throws Exception {
    List<Point> points = new ArrayList<>();
    for (int m = 10; m <= 14; m++) {
      points.add(Point.good(device, "discharge_pressure", at("10:" + m + ":00"), pressure));
      points.add(Point.good(device, "motor_power", at("10:" + m + ":00"), 150));
    }
    points.add(Point.good(device, "unload_pressure", at("10:14:00"), unload));
    points.add(Point.good(device, "air_flow", at("09:00:00"), 12));
    api.store("plant-a", points);
    api.device("plant-a", device, "power");
  }

  private static Map<String, Object> strategy(String name, String device, Object... more) {
    Map<String, Object> m = new HashMap<>(Map.ofEntries(Map.entry("name", name), Map.entry("agent", "plant-a"),
        Map.entry("device", device), Map.entry("measureTag", "discharge_pressure"), Map.entry("statistic", "mean"),
        Map.entry("window", "PT10M"), Map.entry("bandLow", 0.60), Map.entry("bandHigh", 0.70), Map.entry("setpointTag", "unload_pressure"),
        Map.entry("step", 0.01), Map.entry("setpointMin", 0.55), Map.entry("setpointMax", 0.85), Map.entry("every", "PT1M"),
        Map.entry("effectTag", "motor_power")));
    for (int i = 0; i < more.length; i += 2) {
      m.put((String) more[i], more[i + 1]);
    }
    return m;
  }

  private long create(Map<String, Object> spec) throws Exception {
    return expect(201, api.send("POST", STRATEGIES, spec, operator)).get("id").asLong();
  }

  private JsonNode evaluate(long id) throws Exception {
    return expect(200, api.send("POST", STRATEGIES + "/" + id + "/evaluate", null, operator));
  }

  @Test
  void aStrategyIsCreatedListedReadChangedDisabledAndDeleted() throws Exception {
    JsonNode created = expect(201, api.send("POST", STRATEGIES, strategy("compressor pressure", "compressor-1"), operator));
    long id = created.get("id").asLong();
    assertThat(created.get("mode").asText()).as("advise unless asked").isEqualTo("advise");
    assertThat(created.get("enabled").asBoolean()).isTrue();
    assertThat(created.get("window").asText()).isEqualTo("PT10M");
    assertThat(created.get("every").asText()).isEqualTo("PT1M");
    assertThat(created.get("step").asDouble()).isEqualTo(0.01);
    assertThat(created.get("effectTag").asText()).isEqualTo("motor_power");
    assertThat(created.get("createdBy").asText()).isEqualTo("user:otto");
    assertThat(created.get("createdAt").asText()).isEqualTo("2026-03-02T10:15:00Z");

    assertThat(expect(200, api.get(STRATEGIES, assessor)).get("strategies")).hasSize(1);
    assertThat(expect(200, api.get(STRATEGIES + "/" + id, assessor))).isEqualTo(created);

    advance(Duration.ofMinutes(1));
    JsonNode changed = expect(200, api.send("PUT", STRATEGIES + "/" + id, Map.of("enabled", false, "bandHigh", 0.72, "mode", "auto"),
        admin));
    assertThat(changed.get("enabled").asBoolean()).isFalse();
    assertThat(changed.get("bandHigh").asDouble()).isEqualTo(0.72);
    assertThat(changed.get("mode").asText()).isEqualTo("auto");
    assertThat(changed.get("name").asText()).as("fields not given stay").isEqualTo("compressor pressure");
    assertThat(changed.get("updatedBy").asText()).isEqualTo("user:root");
    assertThat(changed.get("updatedAt").asText()).isEqualTo("2026-03-02T10:16:00Z");
    Map<String, Object> clear = new HashMap<>();
    clear.put("effectTag", null);
    assertThat(expect(200, api.send("PUT", STRATEGIES + "/" + id, clear, admin)).get("effectTag").isNull()).isTrue();

    assertThat(error(409, api.send("POST", STRATEGIES, strategy("compressor pressure", "compressor-1"), operator)))
        .contains("an optimisation strategy named 'compressor pressure' exists already");
    assertThat(api.send("DELETE", STRATEGIES + "/" + id, null, operator).status()).isEqualTo(204);
    assertThat(error(404, api.get(STRATEGIES + "/" + id, operator))).isEqualTo("no optimisation strategy " + id);
    assertThat(error(404, api.send("PUT", STRATEGIES + "/" + id, Map.of("enabled", true), operator))).contains("no optimisation strategy");
    assertThat(api.audit()).anySatisfy(a -> assertThat(a).startsWith("user:otto optimisation-strategy-create optimisation-strategy:" + id
        + " ok 'compressor pressure', advise, device plant-a/compressor-1"))
        .anySatisfy(a -> assertThat(a).startsWith("user:root optimisation-strategy-update optimisation-strategy:" + id + " ok"))
        .anySatisfy(a -> assertThat(a).startsWith("user:otto optimisation-strategy-delete optimisation-strategy:" + id + " ok"));
  }

  @Test
  void everyProblemOfAStrategyIsReportedWithItsField() throws Exception {
    String all = error(400, api.send("POST", STRATEGIES, Map.ofEntries(Map.entry("agent", "plant a"), Map.entry("colour", "red"),
        Map.entry("statistic", "median"), Map.entry("window", "PT30S"), Map.entry("bandLow", 5), Map.entry("bandHigh", 1),
        Map.entry("step", 0), Map.entry("setpointMin", 1), Map.entry("setpointMax", 1), Map.entry("every", "often"),
        Map.entry("mode", "manual"), Map.entry("enabled", "yes")), operator));
    assertThat(all).startsWith("invalid optimisation strategy: ").contains("unknown field 'colour'")
        .contains("field 'name' is required").contains("field 'agent': 'plant a' is not a valid name")
        .contains("field 'device' is required").contains("field 'measureTag' is required").contains("field 'setpointTag' is required")
        .contains("field 'statistic' must be one of min, mean, max, was 'median'")
        .contains("field 'window' must be from PT1M to PT24H, was PT30S")
        .contains("field 'every' must be an ISO-8601 duration such as PT10M, was 'often'")
        .contains("field 'mode' must be one of advise, auto, was 'manual'").contains("field 'enabled' must be true or false")
        .contains("field 'bandLow' (5.0) must be less than bandHigh (1.0)").contains("field 'step' must be greater than 0, was 0.0")
        .contains("field 'setpointMin' (1.0) must be less than setpointMax (1.0)");
    assertThat(error(400, api.send("POST", STRATEGIES, strategy("x", "compressor-1", "every", "P2D", "window", "P2D", "step", 0.5),
        operator))).contains("field 'every' must be from PT10S to PT24H, was PT48H").contains("field 'window' must be from PT1M to PT24H")
        .contains("field 'step' (0.5) must not be greater than setpointMax − setpointMin (0.3)");
    assertThat(error(400, api.send("POST", STRATEGIES, strategy("x", "compressor-1", "setpointTag", "unload_presure", "measureTag",
        "pressure", "effectTag", "power"), operator)))
        .contains("field 'setpointTag': device 'compressor-1' of agent 'plant-a' has no tag 'unload_presure'; its tags: [air_flow, "
            + "discharge_pressure, motor_power, unload_pressure]")
        .contains("field 'measureTag': device 'compressor-1' of agent 'plant-a' has no tag 'pressure'")
        .contains("field 'effectTag': device 'compressor-1' of agent 'plant-a' has no tag 'power'");
    assertThat(error(400, api.send("POST", STRATEGIES, strategy("x", "compressor-9"), operator)))
        .contains("field 'device': no device 'compressor-9' of agent 'plant-a' in the ledger");
    long id = create(strategy("ok", "compressor-1"));
    assertThat(error(400, api.send("PUT", STRATEGIES + "/" + id, Map.of("step", -1), operator)))
        .contains("field 'step' must be greater than 0, was -1.0");
    assertThat(error(400, api.get(STRATEGIES + "/x", operator))).contains("'strategy id' must be a positive whole number");
    assertThat(error(400, api.send("POST", STRATEGIES, "[1]", operator))).isEqualTo("request body must be a JSON object");
    assertThat(api.count("SELECT count(*) FROM optimisation_strategies")).isOne();
    assertThat(api.audit()).anySatisfy(a -> assertThat(a).startsWith("user:otto optimisation-strategy-create - refused invalid"));
  }

  @Test
  void anAssessorReadsButCannotWriteOrEvaluate() throws Exception {
    long id = create(strategy("s", "compressor-1"));
    expect(403, api.send("POST", STRATEGIES, strategy("t", "compressor-1"), assessor));
    expect(403, api.send("PUT", STRATEGIES + "/" + id, Map.of("enabled", false), assessor));
    expect(403, api.send("DELETE", STRATEGIES + "/" + id, null, assessor));
    expect(403, api.send("POST", STRATEGIES + "/" + id + "/evaluate", null, assessor));
    expect(200, api.get(STRATEGIES, assessor));
    expect(200, api.get(STRATEGIES + "/" + id, assessor));
    expect(200, api.get("/api/optimisation/decisions", assessor));
    assertThat(api.count("SELECT count(*) FROM optimisation_decisions")).isZero();
    assertThat(expect(200, api.get(STRATEGIES + "/" + id, assessor)).get("enabled").asBoolean()).isTrue();
  }

  @Test
  void eachServedRequestIsOneUseOfOptimisationAndARefusedOneIsNone() throws Exception {
    long id = create(strategy("s", "compressor-1"));
    expect(200, api.get(STRATEGIES, operator));
    expect(200, api.get(STRATEGIES + "/" + id, operator));
    expect(200, api.send("PUT", STRATEGIES + "/" + id, Map.of("bandLow", 0.5), operator));
    evaluate(id);
    expect(200, api.get("/api/optimisation/decisions", operator));
    expect(400, api.send("POST", STRATEGIES, Map.of(), operator));
    expect(403, api.send("POST", STRATEGIES, strategy("t", "compressor-1"), assessor));
    assertThat(api.send("DELETE", STRATEGIES + "/" + id, null, operator).status()).isEqualTo(204);
    assertThat(uses("optimisation")).isEqualTo(7);
    assertThat(allUses()).isEqualTo(7);
  }

  @Test
  void evaluatingNowDecidesFromTheStoredTelemetryAndAdviseModeIssuesNothing() throws Exception {
    compressor("compressor-2", 0.55, 0.75);
    compressor("compressor-3", 0.65, 0.75);
    compressor("compressor-4", 0.80, 0.555);
    compressor("compressor-5", 0.50, 0.845);
    compressor("compressor-6", 0.80, 0.55);

    JsonNode lower = evaluate(create(strategy("above", "compressor-1")));
    assertThat(lower.get("action").asText()).isEqualTo("lower");
    assertThat(lower.get("mode").asText()).isEqualTo("advise");
    assertThat(lower.get("value").asDouble()).isEqualTo(0.74);
    assertThat(lower.get("points").asInt()).isEqualTo(5);
    assertThat(lower.get("current").asDouble()).isEqualTo(0.75);
    assertThat(lower.get("proposed").asDouble()).isEqualTo(0.74);
    assertThat(lower.get("command").isNull()).isTrue();
    assertThat(lower.get("at").asText()).isEqualTo("2026-03-02T10:15:00Z");
    assertThat(lower.get("reason").asText()).isEqualTo("mean of 'discharge_pressure' over PT10M is 0.74 (5 point(s)), above the band "
        + "[0.6, 0.7]: lower 'unload_pressure' from 0.75 to 0.74; advise mode: no command issued");

    JsonNode raise = evaluate(create(strategy("below", "compressor-2")));
    assertThat(raise.get("action").asText()).isEqualTo("raise");
    assertThat(raise.get("proposed").asDouble()).isEqualTo(0.76);
    JsonNode hold = evaluate(create(strategy("inside", "compressor-3")));
    assertThat(hold.get("action").asText()).isEqualTo("hold");
    assertThat(hold.get("proposed").asDouble()).isEqualTo(0.75);
    JsonNode toMin = evaluate(create(strategy("to min", "compressor-4")));
    assertThat(toMin.get("action").asText()).isEqualTo("lower");
    assertThat(toMin.get("proposed").asDouble()).isEqualTo(0.55);
    assertThat(toMin.get("reason").asText()).contains("(clamped to its minimum)");
    JsonNode toMax = evaluate(create(strategy("to max", "compressor-5", "statistic", "min")));
    assertThat(toMax.get("action").asText()).isEqualTo("raise");
    assertThat(toMax.get("proposed").asDouble()).isEqualTo(0.85);
    JsonNode atMin = evaluate(create(strategy("at min", "compressor-6", "statistic", "max")));
    assertThat(atMin.get("action").asText()).isEqualTo("hold");
    assertThat(atMin.get("reason").asText()).contains("already at its minimum 0.55");
    JsonNode noData = evaluate(create(strategy("no data", "compressor-1", "measureTag", "air_flow")));
    assertThat(noData.get("action").asText()).isEqualTo("no-data");
    assertThat(noData.get("points").asInt()).isZero();
    assertThat(noData.get("value").isNull()).isTrue();
    assertThat(noData.get("reason").asText()).contains("no good point of 'air_flow' is stored for the last PT10M");

    assertThat(api.downlink).as("advise mode sends nothing").isEmpty();
    assertThat(api.count("SELECT count(*) FROM commands")).isZero();
    assertThat(api.count("SELECT count(*) FROM optimisation_decisions")).isEqualTo(7);
    assertThat(error(404, api.send("POST", STRATEGIES + "/999/evaluate", null, operator))).isEqualTo("no optimisation strategy 999");
  }

  @Test
  void autoModeIssuesACommandThroughTheRemoteControlPathAndNoneWhileItIsPending() throws Exception {
    long id = create(strategy("auto", "compressor-1", "mode", "auto"));
    JsonNode first = evaluate(id);
    assertThat(first.get("action").asText()).isEqualTo("lower");
    String command = first.get("command").asText();
    assertThat(first.get("reason").asText()).contains("command " + command + " sent to agent 'plant-a', expires 2026-03-02T10:17:00Z");
    assertThat(api.downlink).containsExactly("plant-a eoc/v1/agents/plant-a/commands PT2M");
    assertThat(api.count("SELECT count(*) FROM commands WHERE issued_by = ? AND status = 'SENT' AND tag = 'unload_pressure' "
        + "AND value = 0.74", Optimisation.actor(id))).isOne();
    assertThat(api.audit()).anySatisfy(a -> assertThat(a).startsWith("optimiser:" + id + " command device:plant-a/compressor-1 sent id "
        + command + ": unload_pressure = 0.74"));

    advance(Duration.ofMinutes(1));
    JsonNode pending = evaluate(id);
    assertThat(pending.get("action").asText()).isEqualTo("hold");
    assertThat(pending.get("command").isNull()).isTrue();
    assertThat(pending.get("reason").asText()).contains("would lower 'unload_pressure' from 0.75 to 0.74, but command " + command)
        .contains("is still pending until 2026-03-02T10:17:00Z; one pending command at a time: hold");
    assertThat(api.downlink).hasSize(1);

    // The agent applies it: the next evaluation may command again.
    new Commands(api.ds, api.clock).result("plant-a", new CommandResult(command, CommandResult.Status.APPLIED, "written",
        api.clock.instant(), OptionalDouble.of(0.74)));
    JsonNode next = evaluate(id);
    assertThat(next.get("action").asText()).isEqualTo("lower");
    assertThat(next.get("command").asText()).isNotEqualTo(command);
    // Unanswered until its expiry: no longer pending after it.
    advance(Duration.ofMinutes(3));
    assertThat(evaluate(id).get("command").isNull()).isFalse();
    assertThat(api.downlink).hasSize(3);
  }

  @Test
  void decisionsAreListedNewestFirstWithTheEffectOnceTheWindowAfterHasPassed() throws Exception {
    long id = create(strategy("effect", "compressor-1"));
    long other = create(strategy("other", "compressor-1", "effectTag", null));
    evaluate(id);
    evaluate(other);
    advance(Duration.ofMinutes(1));
    evaluate(id);
    JsonNode listed = expect(200, api.get("/api/optimisation/decisions?strategy=" + id, operator)).get("decisions");
    assertThat(listed).hasSize(2);
    assertThat(listed.get(0).get("at").asText()).isEqualTo("2026-03-02T10:16:00Z");
    assertThat(listed.get(1).get("at").asText()).isEqualTo("2026-03-02T10:15:00Z");
    JsonNode effect = listed.get(1).get("effect");
    assertThat(effect.get("tag").asText()).isEqualTo("motor_power");
    assertThat(effect.get("before").asDouble()).isEqualTo(150.0);
    assertThat(effect.get("pointsBefore").asInt()).isEqualTo(5);
    assertThat(effect.get("after").isNull()).as("the window after has not passed").isTrue();
    assertThat(expect(200, api.get("/api/optimisation/decisions?limit=1", operator)).get("decisions")).hasSize(1);
    assertThat(expect(200, api.get("/api/optimisation/decisions?strategy=" + other, operator)).get("decisions").get(0)
        .get("effect").isNull()).isTrue();

    List<Point> after = new ArrayList<>();
    for (int m = 16; m <= 24; m += 2) {
      after.add(Point.good("compressor-1", "motor_power", at("10:" + m + ":00"), 141));
    }
    api.store("plant-a", after);
    advance(Duration.ofMinutes(10));
    effect = expect(200, api.get("/api/optimisation/decisions?strategy=" + id + "&limit=5", operator)).get("decisions").get(1)
        .get("effect");
    assertThat(effect.get("after").asDouble()).isEqualTo(141.0);
    assertThat(effect.get("pointsAfter").asInt()).isEqualTo(5);
    assertThat(effect.get("change").asDouble()).isEqualTo(-9.0);
    assertThat(error(400, api.get("/api/optimisation/decisions?limit=0", operator))).contains("parameter 'limit'");
  }

  @Test
  void theSchedulerEvaluatesWhatIsDueCountsAUseEachAndOneFailureStopsNoOther() throws Exception {
    long broken = create(strategy("broken", "compressor-1", "mode", "auto"));
    long fine = create(strategy("fine", "compressor-1"));
    long off = create(strategy("off", "compressor-1", "enabled", false));
    CommandSender failing = new CommandSender(new Commands(api.ds, api.clock), (agent, topic, payload, expiry) -> {
      throw new IllegalStateException("downlink broken");
    }, (actor, action, subject, outcome, detail) -> { }, api.clock);
    OptimisationScheduler scheduler = new OptimisationScheduler(new Optimisation(api.ds, api.clock, failing),
        new Usage(api.ds, api.clock), Duration.ofSeconds(1));

    assertThat(scheduler.runDue()).isEqualTo(2);
    assertThat(api.count("SELECT count(*) FROM optimisation_decisions WHERE strategy_id = ? AND action = 'error' "
        + "AND reason LIKE '%downlink broken%'", broken)).isOne();
    assertThat(api.count("SELECT count(*) FROM optimisation_decisions WHERE strategy_id = ? AND action = 'lower'", fine)).isOne();
    assertThat(api.count("SELECT count(*) FROM optimisation_decisions WHERE strategy_id = ?", off)).isZero();
    assertThat(uses("optimisation")).isEqualTo(1 + 3);
    assertThat(api.count("SELECT count(*) FROM user_activity WHERE user_id LIKE 'optimiser%'")).as("a machine is not a user").isZero();

    assertThat(scheduler.runDue()).as("nothing due before 'every' passes").isZero();
    api.clock.advance(Duration.ofSeconds(59));
    assertThat(scheduler.runDue()).isZero();
    api.clock.advance(Duration.ofSeconds(1));
    assertThat(scheduler.runDue()).isEqualTo(2);
    assertThat(uses("optimisation")).isEqualTo(2 + 3);
  }
}

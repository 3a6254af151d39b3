package io.eoc.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 组态画面 (jiangsu-2023 §四 数据监控/组态画面): screens defined, listed, changed under a version and
 * deleted, and their live state: devices online or not, alarms making them abnormal, values in or
 * out of their range, stale or of bad quality. The clock stands at 10:15; boiler-1's latest point
 * is from 10:08 and its alarm high-pressure is active (see {@link DeviceManagementFixture}).
 */
class ScadaApiTest extends DeviceManagementFixture {
  private static final String SCREENS = "/api/scada/screens";

  @SafeVarargs
  private static Map<String, Object> screen(String name, Map<String, Object>... elements) {
    Map<String, Object> m = new HashMap<>();
    m.put("name", name);
    m.put("description", "steam side");
    m.put("width", 1200);
    m.put("height", 700);
    m.put("elements", List.of(elements));
    return m;
  }

  private static Map<String, Object> boilerHouse() {
    return screen("boiler house",
        Map.of("id", "b1", "kind", "device", "agent", "plant-a", "device", "boiler-1", "x", 100, "y", 80, "label", "Boiler 1"),
        with(Map.of("id", "p1", "kind", "value", "agent", "plant-a", "device", "boiler-1", "tag", "pressure", "x", 100, "y", 160,
            "label", "pressure", "unit", "bar"), Map.of("decimals", 1, "min", 0, "max", 25)),
        Map.of("id", "l1", "kind", "link", "from", "b1", "to", "p1"),
        Map.of("id", "t0", "kind", "label", "text", "Boiler house", "x", 20, "y", 20.5));
  }

  private static Map<String, Object> with(Map<String, Object> element, Map<String, Object> more) {
    Map<String, Object> m = new java.util.LinkedHashMap<>(element);
    m.putAll(more);
    return m;
  }

  private static Map<String, Object> with(Map<String, Object> screen, String key, Object value) {
    Map<String, Object> m = new HashMap<>(screen);
    m.put(key, value);
    return m;
  }

  @Test
  void aScreenIsCreatedListedReadChangedUnderItsVersionAndDeleted() throws Exception {
    JsonNode created = expect(201, api.send("POST", SCREENS, boilerHouse(), operator));
    long id = created.get("id").asLong();
    assertThat(created.get("version").asInt()).isEqualTo(1);
    assertThat(created.get("name").asText()).isEqualTo("boiler house");
    assertThat(created.get("width").asInt()).isEqualTo(1200);
    assertThat(created.get("createdBy").asText()).isEqualTo("user:otto");
    assertThat(created.get("updatedAt").asText()).isEqualTo("2026-03-02T10:15:00Z");
    JsonNode value = created.get("elements").get(1);
    assertThat(value.toString()).isEqualTo("{\"id\":\"p1\",\"kind\":\"value\",\"agent\":\"plant-a\",\"device\":\"boiler-1\","
        + "\"tag\":\"pressure\",\"x\":100,\"y\":160,\"label\":\"pressure\",\"unit\":\"bar\",\"decimals\":1,\"min\":0,\"max\":25}");
    assertThat(created.get("elements").get(3).get("y").asDouble()).isEqualTo(20.5);

    JsonNode listed = expect(200, api.get(SCREENS, assessor)).get("screens");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("id").asLong()).isEqualTo(id);
    assertThat(listed.get(0).get("description").asText()).isEqualTo("steam side");
    assertThat(listed.get(0).get("elements").asInt()).isEqualTo(4);
    assertThat(listed.get(0).get("updatedAt").asText()).isEqualTo("2026-03-02T10:15:00Z");
    JsonNode read = expect(200, api.get(SCREENS + "/" + id, assessor));
    assertThat(read.get("elements")).isEqualTo(created.get("elements"));

    advance(java.time.Duration.ofMinutes(1));
    Map<String, Object> renamed = with(with(boilerHouse(), "name", "boiler house east"), "version", 1);
    JsonNode updated = expect(200, api.send("PUT", SCREENS + "/" + id, renamed, admin));
    assertThat(updated.get("version").asInt()).isEqualTo(2);
    assertThat(updated.get("name").asText()).isEqualTo("boiler house east");
    assertThat(updated.get("createdBy").asText()).isEqualTo("user:otto");
    assertThat(updated.get("updatedBy").asText()).isEqualTo("user:root");
    assertThat(updated.get("updatedAt").asText()).isEqualTo("2026-03-02T10:16:00Z");

    String stale = error(409, api.send("PUT", SCREENS + "/" + id, with(boilerHouse(), "version", 1), operator));
    assertThat(stale).isEqualTo("scada screen " + id + " is at version 2, not 1: it was changed since it was read; read it again and "
        + "make the change to version 2");
    assertThat(expect(200, api.get(SCREENS + "/" + id, operator)).get("name").asText()).as("unchanged").isEqualTo("boiler house east");
    assertThat(error(400, api.send("PUT", SCREENS + "/" + id, boilerHouse(), operator)))
        .isEqualTo("invalid scada screen: field 'version' is required (a whole number from 1 to 2147483647)");
    assertThat(error(404, api.send("PUT", SCREENS + "/999", with(boilerHouse(), "version", 1), operator))).isEqualTo("no scada screen 999");

    ApiFixture.Response deleted = api.send("DELETE", SCREENS + "/" + id, null, operator);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(error(404, api.get(SCREENS + "/" + id, operator))).isEqualTo("no scada screen " + id);
    assertThat(error(404, api.send("DELETE", SCREENS + "/" + id, null, operator))).isEqualTo("no scada screen " + id);
    assertThat(error(404, api.get(SCREENS + "/" + id + "/state", operator))).isEqualTo("no scada screen " + id);
    assertThat(error(400, api.get(SCREENS + "/x", operator))).contains("'screen id' must be a positive whole number, not 'x'");
    assertThat(expect(200, api.get(SCREENS, operator)).get("screens")).isEmpty();

    assertThat(api.audit()).anySatisfy(a -> assertThat(a).isEqualTo("user:otto scada-screen-create scada-screen:" + id
        + " ok 'boiler house', 4 element(s), version 1"))
        .anySatisfy(a -> assertThat(a).isEqualTo("user:root scada-screen-update scada-screen:" + id
            + " ok 'boiler house east', 4 element(s), version 2"))
        .anySatisfy(a -> assertThat(a).startsWith("user:otto scada-screen-update scada-screen:" + id + " refused scada screen "
            + id + " is at version 2, not 1"))
        .anySatisfy(a -> assertThat(a).isEqualTo("user:otto scada-screen-delete scada-screen:" + id
            + " ok 'boiler house east', 4 element(s), version 2"));
  }

  @Test
  void screenNamesAreUnique() throws Exception {
    long first = expect(201, api.send("POST", SCREENS, boilerHouse(), operator)).get("id").asLong();
    assertThat(error(409, api.send("POST", SCREENS, boilerHouse(), operator)))
        .isEqualTo("a scada screen named 'boiler house' exists already (id " + first + "); screen names must be unique");
    long second = expect(201, api.send("POST", SCREENS, with(boilerHouse(), "name", "feed water"), operator)).get("id").asLong();
    assertThat(error(409, api.send("PUT", SCREENS + "/" + second, with(boilerHouse(), "version", 1), operator)))
        .contains("a scada screen named 'boiler house' exists already (id " + first + ")");
    assertThat(api.count("SELECT count(*) FROM scada_screens")).isEqualTo(2);
  }

  @Test
  void everyProblemOfADefinitionIsReportedWithItsPath() throws Exception {
    Map<String, Object> bad = new HashMap<>();
    bad.put("name", "x".repeat(101));
    bad.put("width", 50);
    bad.put("height", 20_000);
    bad.put("colour", "red");
    bad.put("elements", List.of(
        Map.of("id", "b1", "kind", "device", "agent", "plant-a", "device", "boiler-1", "x", 20000, "y", -1),
        Map.of("id", "b1", "kind", "device", "agent", "plant-a", "device", "boiler-1", "x", 10, "y", 10),
        Map.of("id", " ", "kind", "gauge", "x", 10, "y", 10),
        Map.of("id", "p1", "kind", "value", "agent", "plant-a", "device", "boiler-1", "tag", "pressure", "x", 10, "y", 10,
            "decimals", 7, "min", 5, "max", 1),
        Map.of("id", "l1", "kind", "link", "from", "b1", "to", "t0", "x", 5),
        Map.of("id", "l2", "kind", "link", "from", "ghost", "to", "p1"),
        Map.of("id", "l3", "kind", "link", "from", "p1", "to", "p1"),
        Map.of("id", "t0", "kind", "label", "x", 10, "y", 10)));
    String all = error(400, api.send("POST", SCREENS, bad, operator));
    assertThat(all).startsWith("invalid scada screen: ")
        .contains("unknown field 'colour' (fields: description, elements, height, name, width)")
        .contains("field 'name' must have at most 100 characters, has 101")
        .contains("field 'width' must be a whole number from 100 to 10000, was 50")
        .contains("field 'height' must be a whole number from 100 to 10000, was 20000")
        .contains("field 'elements[0].x' must be from 0.0 to 10000.0, was 20000")
        .contains("field 'elements[0].y' must be from 0.0 to 10000.0, was -1")
        .contains("field 'elements[1].id': 'b1' is also the id of elements[0]; element ids must be unique on a screen")
        .contains("field 'elements[2].id' is required (a non-empty string)")
        .contains("field 'elements[2].kind' must be one of device, value, link, label, was 'gauge'")
        .contains("field 'elements[3].decimals' must be a whole number from 0 to 6, was 7")
        .contains("field 'elements[3].min' (5.0) must not be greater than max (1.0)")
        .contains("unknown field 'elements[4].x' (fields: from, id, kind, to)")
        .contains("field 'elements[4].to': 't0' is a label element; a link joins device or value elements")
        .contains("field 'elements[5].from': no element of this screen has the id 'ghost'")
        .contains("field 'elements[6].to': a link joins two different elements, both ends are 'p1'")
        .contains("field 'elements[7].text' is required (a non-empty string)");

    // Coordinates are checked against the screen's own size, and references against the devices agents reported.
    String refs = error(400, api.send("POST", SCREENS, screen("refs",
        Map.of("id", "b9", "kind", "device", "agent", "plant-a", "device", "boiler-9", "x", 1201, "y", 701),
        Map.of("id", "p1", "kind", "value", "agent", "plant-a", "device", "boiler-1", "tag", "presure", "x", 10, "y", 10),
        Map.of("id", "p2", "kind", "value", "agent", "plant-b", "device", "boiler-1", "tag", "pressure", "x", 10, "y", 10),
        Map.of("id", "p3", "kind", "value", "agent", "plant-a", "device", "boiler 1", "tag", "pressure", "x", 10, "y", 10)), operator));
    assertThat(refs).contains("field 'elements[0].x' must be from 0.0 to 1200.0, was 1201")
        .contains("field 'elements[0].y' must be from 0.0 to 700.0, was 701")
        .contains("field 'elements[0].device': no device 'boiler-9' of agent 'plant-a' in the ledger; devices appear once their agent "
            + "reports them")
        .contains("field 'elements[1].tag': device 'boiler-1' of agent 'plant-a' has no tag 'presure'; its tags: [pressure]")
        .contains("field 'elements[2].device': no device 'boiler-1' of agent 'plant-b' in the ledger")
        .contains("field 'elements[3].device': 'boiler 1' is not a valid name");

    List<Map<String, Object>> many = new ArrayList<>();
    for (int i = 0; i <= 500; i++) {
      many.add(Map.of("id", "t" + i, "kind", "label", "text", "label " + i, "x", 1, "y", 1));
    }
    assertThat(error(400, api.send("POST", SCREENS, with(boilerHouse(), "elements", many), operator)))
        .isEqualTo("invalid scada screen: field 'elements' must be a list of 1 to 500 objects");
    assertThat(error(400, api.send("POST", SCREENS, with(boilerHouse(), "elements", List.of()), operator)))
        .isEqualTo("invalid scada screen: field 'elements' must be a list of 1 to 500 objects");
    assertThat(error(400, api.send("POST", SCREENS, with(boilerHouse(), "name", " "), operator)))
        .isEqualTo("invalid scada screen: field 'name' is required (a non-empty string)");
    assertThat(error(400, api.send("POST", SCREENS, "[1]", operator))).isEqualTo("request body must be a JSON object");
    assertThat(api.count("SELECT count(*) FROM scada_screens")).isZero();
    assertThat(api.audit()).anySatisfy(a -> assertThat(a).startsWith("user:otto scada-screen-create - refused invalid scada screen: "));
  }

  @Test
  void anAssessorReadsButCannotWrite() throws Exception {
    long id = expect(201, api.send("POST", SCREENS, boilerHouse(), operator)).get("id").asLong();
    assertThat(error(403, api.send("POST", SCREENS, with(boilerHouse(), "name", "mine"), assessor)))
        .contains("role assessor is read-only");
    expect(403, api.send("PUT", SCREENS + "/" + id, with(boilerHouse(), "version", 1), assessor));
    expect(403, api.send("DELETE", SCREENS + "/" + id, null, assessor));
    expect(200, api.get(SCREENS, assessor));
    expect(200, api.get(SCREENS + "/" + id, assessor));
    expect(200, api.get(SCREENS + "/" + id + "/state", assessor));
    assertThat(expect(200, api.get(SCREENS + "/" + id, assessor)).get("version").asInt()).isEqualTo(1);
    assertThat(api.count("SELECT count(*) FROM scada_screens")).isOne();
  }

  @Test
  void eachServedRequestIsOneUseOfScadaAndARefusedOneOrAnUnattendedRefreshIsNone() throws Exception {
    long id = expect(201, api.send("POST", SCREENS, boilerHouse(), operator)).get("id").asLong();
    expect(200, api.get(SCREENS, operator));
    expect(200, api.get(SCREENS + "/" + id, operator));
    expect(200, api.get(SCREENS + "/" + id + "/state", operator));
    expect(200, api.send("PUT", SCREENS + "/" + id, with(boilerHouse(), "version", 1), operator));
    expect(400, api.send("POST", SCREENS, Map.of(), operator));
    expect(403, api.send("DELETE", SCREENS + "/" + id, null, assessor));
    expect(409, api.send("PUT", SCREENS + "/" + id, with(boilerHouse(), "version", 1), operator));
    expect(200, api.send("GET", SCREENS + "/" + id + "/state", null, operator, Map.of("X-Eoc-Refresh", "auto")));
    assertThat(uses("scada")).isEqualTo(5);
    assertThat(allUses()).isEqualTo(5);
  }

  @Test
  void theLiveStateShowsDevicesOnlineOrNotAbnormalWithAnActiveAlarmAndValuesInOrOutOfTheirRange() throws Exception {
    // boiler-2: fresh good points, a tag of bad quality, an alarm raised and cleared, and a tag with no point yet.
    api.store("plant-a", List.of(Point.good("boiler-2", "steam_pressure", at("10:14:00"), 1.0),
        Point.bad("boiler-2", "level", at("10:14:30"), Quality.BAD_NO_COMMUNICATION),
        Point.good("boiler-2", "alarm:low-water", at("10:11:00"), 1), Point.good("boiler-2", "alarm:low-water", at("10:12:00"), 0)));
    api.sql("INSERT INTO series (agent_id, device_id, tag) VALUES ('plant-a', 'boiler-2', 'flow')");
    long id = expect(201, api.send("POST", SCREENS, screen("plant",
        Map.of("id", "b1", "kind", "device", "agent", "plant-a", "device", "boiler-1", "x", 100, "y", 80),
        Map.of("id", "b2", "kind", "device", "agent", "plant-a", "device", "boiler-2", "x", 300, "y", 80),
        Map.of("id", "b2again", "kind", "device", "agent", "plant-a", "device", "boiler-2", "x", 500, "y", 80),
        Map.of("id", "pressure", "kind", "value", "agent", "plant-a", "device", "boiler-1", "tag", "pressure", "x", 100, "y", 160,
            "min", 0, "max", 25),
        Map.of("id", "steam", "kind", "value", "agent", "plant-a", "device", "boiler-2", "tag", "steam_pressure", "x", 300, "y", 160,
            "min", 0.2, "max", 1.6),
        Map.of("id", "steamLow", "kind", "value", "agent", "plant-a", "device", "boiler-2", "tag", "steam_pressure", "x", 300,
            "y", 200, "min", 1.2),
        Map.of("id", "level", "kind", "value", "agent", "plant-a", "device", "boiler-2", "tag", "level", "x", 300, "y", 240),
        Map.of("id", "flow", "kind", "value", "agent", "plant-a", "device", "boiler-2", "tag", "flow", "x", 300, "y", 280),
        Map.of("id", "l1", "kind", "link", "from", "b1", "to", "b2"),
        Map.of("id", "t0", "kind", "label", "text", "plant", "x", 0, "y", 0)), operator)).get("id").asLong();

    JsonNode state = expect(200, api.get(SCREENS + "/" + id + "/state", operator));
    assertThat(state.get("onlineWindow").asText()).isEqualTo("PT5M");
    assertThat(state.get("at").asText()).isEqualTo("2026-03-02T10:15:00Z");
    assertThat(state.get("version").asInt()).isEqualTo(1);
    JsonNode e = state.get("elements");
    assertThat(e.has("l1")).as("links and labels have no state").isFalse();
    assertThat(e.has("t0")).isFalse();
    JsonNode b1 = e.get("b1");
    assertThat(b1.get("online").asBoolean()).as("last point 10:08, older than 5 minutes").isFalse();
    assertThat(b1.get("lastSeen").asText()).isEqualTo("2026-03-02T10:08:00Z");
    assertThat(b1.get("abnormal").asBoolean()).as("high-pressure raised at 10:07, not cleared").isTrue();
    assertThat(b1.get("activeAlarms").asInt()).isOne();
    assertThat(b1.get("alarms").get(0).asText()).isEqualTo("high-pressure");
    JsonNode b2 = e.get("b2");
    assertThat(b2.get("online").asBoolean()).isTrue();
    assertThat(b2.get("lastSeen").asText()).as("the bad point at 10:14:30 is no sign of life").isEqualTo("2026-03-02T10:14:00Z");
    assertThat(b2.get("abnormal").asBoolean()).as("low-water cleared at 10:12").isFalse();
    assertThat(b2.get("activeAlarms").asInt()).isZero();
    assertThat(value(e.get("pressure"))).isEqualTo("27.0 GOOD 2026-03-02T10:08:00Z stale true");
    assertThat(value(e.get("steam"))).isEqualTo("1.0 GOOD 2026-03-02T10:14:00Z normal false");
    assertThat(value(e.get("steamLow"))).isEqualTo("1.0 GOOD 2026-03-02T10:14:00Z below-min true");
    assertThat(value(e.get("level"))).isEqualTo("null BAD_NO_COMMUNICATION 2026-03-02T10:14:30Z bad-quality true");
    assertThat(value(e.get("flow"))).as("no point yet: said so, not an error").isEqualTo("null null null no-data false");
    JsonNode summary = state.get("summary");
    assertThat(summary.get("devicesOnline").asInt()).isOne();
    assertThat(summary.get("devices").asInt()).as("boiler-2 shown twice is one device").isEqualTo(2);
    assertThat(summary.get("abnormal").asInt()).as("b1, pressure, steamLow, level").isEqualTo(4);

    JsonNode wider = expect(200, api.get(SCREENS + "/" + id + "/state?onlineWindow=PT10M", operator));
    assertThat(wider.get("onlineWindow").asText()).isEqualTo("PT10M");
    assertThat(wider.get("elements").get("b1").get("online").asBoolean()).isTrue();
    assertThat(value(wider.get("elements").get("pressure"))).as("27 > max 25").isEqualTo("27.0 GOOD 2026-03-02T10:08:00Z above-max true");
    assertThat(wider.get("summary").get("devicesOnline").asInt()).isEqualTo(2);

    api.store("plant-a", List.of(Point.good("boiler-1", "pressure", at("10:14:50"), 24.5),
        Point.good("boiler-1", "alarm:high-pressure", at("10:14:50"), 0)));
    JsonNode calm = expect(200, api.get(SCREENS + "/" + id + "/state", operator));
    assertThat(calm.get("elements").get("b1").get("online").asBoolean()).isTrue();
    assertThat(calm.get("elements").get("b1").get("abnormal").asBoolean()).as("alarm cleared").isFalse();
    assertThat(value(calm.get("elements").get("pressure"))).isEqualTo("24.5 GOOD 2026-03-02T10:14:50Z normal false");
    assertThat(calm.get("summary").get("abnormal").asInt()).isEqualTo(2);

    assertThat(error(400, api.get(SCREENS + "/" + id + "/state?onlineWindow=5m", operator)))
        .isEqualTo("parameter 'onlineWindow' must be an ISO-8601 duration such as PT5M, was '5m'");
    assertThat(error(400, api.get(SCREENS + "/" + id + "/state?onlineWindow=P8D", operator)))
        .isEqualTo("'onlineWindow' must be from PT10S to PT168H, was PT192H");
  }

  private static String value(JsonNode v) {
    return v.get("value").asText() + " " + v.get("quality").asText() + " " + v.get("time").asText() + " " + v.get("status").asText()
        + " " + v.get("abnormal").asBoolean();
  }
}

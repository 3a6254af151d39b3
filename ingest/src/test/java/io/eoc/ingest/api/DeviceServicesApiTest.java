package io.eoc.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eoc.ingest.users.AccessPolicy;
import io.eoc.ingest.users.Role;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device services of jiangsu-2023 §四, over HTTP, each use recorded as evidence. */
class DeviceServicesApiTest {
  private static final String SECRET = "correct horse battery";
  private static final Instant H10 = Instant.parse("2026-03-02T10:00:00Z");
  private ApiFixture api;
  private String operator;

  @BeforeEach
  void start() throws Exception {
    api = new ApiFixture(AccessPolicy.defaults());
    api.addUser("otto", Role.OPERATOR, SECRET);
    operator = api.login("otto", SECRET);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void eachServedRequestCountsOneUseOfItsServiceInItsHourWithTheUserAndTheDataOperations() throws Exception {
    storeBoiler();
    api.get("/api/devices", operator);
    api.get("/api/devices/boiler-1/latest", operator);
    api.clock.advance(Duration.ofMinutes(50));
    assertThat(api.get("/api/devices/boiler-1/history?tag=pressure&from=2026-03-02T10:00:00Z&step=1m", operator).status()).isEqualTo(200);
    assertThat(api.get("/api/devices/boiler-1/history?tag=pressure&step=5m", operator).status()).isEqualTo(400);
    api.get("/api/ledger", operator);
    api.send("PUT", "/api/ledger/plant-a/boiler-1", Map.of("model", "WNS4"), operator);
    api.get("/api/alarms", operator);

    assertThat(uses("realtime", "2026-03-02T10:00:00Z")).isEqualTo(2);
    assertThat(uses("trace", "2026-03-02T11:00:00Z")).as("the refused request is no use").isEqualTo(1);
    assertThat(uses("ledger", "2026-03-02T11:00:00Z")).isEqualTo(2);
    assertThat(uses("alarms", "2026-03-02T11:00:00Z")).isEqualTo(1);
    assertThat(api.count("SELECT count(*) FROM service_usage WHERE backfill")).isZero();
    assertThat(api.count("SELECT count(*) FROM user_activity WHERE user_id = 'otto' AND NOT backfill")).isEqualTo(2);
    assertThat(api.count("SELECT reads FROM data_ops_daily WHERE day = '2026-03-02'")).isEqualTo(5);
    assertThat(api.count("SELECT writes FROM data_ops_daily WHERE day = '2026-03-02'"))
        .as("each stored batch (counted by the sink) and the one ledger update")
        .isEqualTo(api.count("SELECT count(*) FROM batches WHERE created_at::date = '2026-03-02'") + 1);
  }

  @Test
  void anUnattendedAutomaticRefreshIsADataReadButNoUseAndNoUserActivity() throws Exception {
    storeBoiler();
    api.clock.advance(Duration.ofHours(1)); // past the hour of the login, which is activity of its own
    Map<String, String> auto = Map.of("X-Eoc-Refresh", "auto");
    assertThat(api.send("GET", "/api/devices", null, operator, auto).status()).isEqualTo(200);
    assertThat(api.send("GET", "/api/devices/boiler-1/latest", null, operator, auto).status()).isEqualTo(200);
    String activity = "SELECT count(*) FROM user_activity WHERE user_id = 'otto' AND hour = '2026-03-02T11:00:00Z'";
    assertThat(uses("realtime", "2026-03-02T11:00:00Z")).isZero();
    assertThat(api.count(activity)).isZero();
    assertThat(api.count("SELECT reads FROM data_ops_daily WHERE day = '2026-03-02'")).isEqualTo(2);

    api.get("/api/devices/boiler-1/latest", operator); // the same request with someone at the screen
    assertThat(uses("realtime", "2026-03-02T11:00:00Z")).isEqualTo(1);
    assertThat(api.count(activity)).isEqualTo(1);
  }

  @Test
  void historyBucketsEqualTheRollupsOfKnownPointsAndRawPointsKeepTheirQuality() throws Exception {
    storeBoiler();
    JsonNode minutes = ok(api.get("/api/devices/boiler-1/history?tag=pressure&from=2026-03-02T10:00:00Z&to=2026-03-02T11:00:00Z&step=1m",
        operator));
    assertThat(minutes.get("buckets")).hasSize(9);
    assertBucket(minutes.get("buckets").get(0), "2026-03-02T10:00:00Z", 3, 2.0, 1.0, 3.0);
    assertBucket(minutes.get("buckets").get(1), "2026-03-02T10:01:00Z", 2, 15.0, 10.0, 20.0);
    assertThat(minutes.get("unit").asText()).isEmpty();
    assertThat(minutes.get("truncated").asBoolean()).isFalse();

    JsonNode hours = ok(api.get("/api/devices/boiler-1/history?tag=pressure&from=2026-03-02T10:00:00Z&to=2026-03-02T11:00:00Z&step=1h",
        operator));
    assertBucket(hours.get("buckets").get(0), "2026-03-02T10:00:00Z", 12, (36.0 + 168) / 12, 1.0, 27.0);

    JsonNode raw = ok(api.get("/api/devices/boiler-1/history?tag=pressure&from=2026-03-02T10:00:00Z&to=2026-03-02T10:02:00Z", operator));
    assertThat(raw.get("step").asText()).isEqualTo("raw");
    assertThat(raw.get("points")).hasSize(6);
    assertThat(raw.get("points").get(5).get("quality").asText()).isEqualTo("BAD_NO_COMMUNICATION");
  }

  @Test
  void historyExplainsBadRangesStepsAndTags() throws Exception {
    storeBoiler();
    assertThat(error("/api/devices/boiler-1/history?tag=pressure&from=2026-03-02T11:00:00Z&to=2026-03-02T10:00:00Z", 400))
        .isEqualTo("'from' (2026-03-02T11:00:00Z) must be before 'to' (2026-03-02T10:00:00Z)");
    assertThat(error("/api/devices/boiler-1/history?tag=pressure&from=yesterday", 400)).contains("ISO-8601 UTC instant");
    assertThat(error("/api/devices/boiler-1/history?tag=pressure&from=2026-02-01T00:00:00Z&step=raw", 400))
        .contains("raw points are served for ranges up to 24 h").contains("use step=1m or step=1h");
    assertThat(error("/api/devices/boiler-1/history?tag=nope", 404)).contains("its tags: [alarm:high-pressure, pressure]");
    assertThat(error("/api/devices/boiler-1/history", 400)).contains("'tag' is required");
  }

  @Test
  void theLedgerIsListedAndUpdatedWithEveryValidationErrorReportedTogether() throws Exception {
    storeBoiler();
    ApiFixture.Response bad = api.send("PUT", "/api/ledger/plant-a/boiler-1",
        Map.of("model", 5, "purchaseValue10kCny", -1, "colour", "red"), operator);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("error").asText()).contains("unknown field 'colour'").contains("model must be a string")
        .contains("purchaseValue10kCny must be >= 0");
    assertThat(api.send("PUT", "/api/ledger/plant-a/boiler-1", Map.of("purchaseValue10kCny", 250000000), operator).body()
        .get("error").asText()).contains("10k CNY (万元)");
    assertThat(api.send("PUT", "/api/ledger/plant-a/nope", Map.of("model", "x"), operator).status()).isEqualTo(404);

    ApiFixture.Response put = api.send("PUT", "/api/ledger/plant-a/boiler-1",
        Map.of("model", "WNS4-1.25", "vendor", "Taishan", "spec", "4 t/h steam", "purchaseValue10kCny", 48.5), operator);
    assertThat(put.status()).isEqualTo(200);
    JsonNode entry = ok(api.get("/api/ledger", operator)).get(0);
    assertThat(entry.get("model").asText()).isEqualTo("WNS4-1.25");
    assertThat(entry.get("purchaseValue10kCny").asDouble()).isEqualTo(48.5);
    assertThat(entry.get("category").asText()).isEqualTo("high-energy");
    assertThat(entry.get("lastPoint").asText()).isEqualTo("2026-03-02T10:08:00Z");
    assertThat(api.audit()).anySatisfy(a -> assertThat(a).startsWith("user:otto ledger-update device:plant-a/boiler-1 ok model=WNS4-1.25"))
        .anySatisfy(a -> assertThat(a).startsWith("user:otto ledger-update device:plant-a/boiler-1 refused invalid ledger entry"));
  }

  @Test
  void alarmsAreListedActiveFirstWithTheDevicesPointsAroundThem() throws Exception {
    storeBoiler();
    JsonNode body = ok(api.get("/api/alarms?from=2026-03-02T09:00:00Z&around=PT1M", operator));
    assertThat(body.get("active").asInt()).isOne();
    JsonNode active = body.get("alarms").get(0);
    assertThat(active.get("alarm").asText()).isEqualTo("high-pressure");
    assertThat(active.get("raisedAt").asText()).isEqualTo("2026-03-02T10:07:00Z");
    assertThat(active.get("clearedAt").isNull()).isTrue();
    assertThat(times(active.get("context"))).containsExactly("2026-03-02T10:06:00Z", "2026-03-02T10:07:00Z", "2026-03-02T10:08:00Z");
    JsonNode cleared = body.get("alarms").get(1);
    assertThat(cleared.get("raisedAt").asText()).isEqualTo("2026-03-02T10:02:00Z");
    assertThat(cleared.get("clearedAt").asText()).isEqualTo("2026-03-02T10:04:00Z");
    assertThat(cleared.get("context")).as("10:01 to 10:05, the bad point included").hasSize(7).allSatisfy(p -> assertThat(p.get("tag").asText()).isEqualTo("pressure"));

    JsonNode later = ok(api.get("/api/alarms?from=2026-03-02T10:08:30Z&around=PT0S", operator));
    assertThat(later.get("alarms")).hasSize(1);
    assertThat(later.get("alarms").get(0).get("raisedAt").asText()).as("raised before the window, still active").isEqualTo("2026-03-02T10:07:00Z");
  }

  @Test
  void declarationsAreValidatedAndListedAsDeclared() throws Exception {
    api.addUser("root", Role.ADMIN, SECRET);
    String admin = api.login("root", SECRET);
    ApiFixture.Response bad = api.send("POST", "/api/admin/declarations",
        Map.of("item", "it-om-cost-reduction", "value", 130, "unit", "percent", "reference", " "), admin);
    assertThat(bad.body().get("error").asText()).contains("at most 100.0 %").contains("unit of it-om-cost-reduction must be '%'")
        .contains("reference must name the supporting documents");
    assertThat(api.send("POST", "/api/admin/declarations", Map.of("item", "hardware", "value", 1, "unit", "10k CNY",
        "reference", "x"), admin).body().get("error").asText()).contains("item must be one of cloud-investment (10k CNY)");

    assertThat(api.send("POST", "/api/admin/declarations", Map.of("item", "cloud-investment", "value", 12.5, "unit", "10k CNY",
        "reference", "contract HT-2025-017, invoice 0443"), admin).status()).isEqualTo(201);
    JsonNode listed = ok(api.get("/api/declarations", operator)).get(0);
    assertThat(listed.get("item").asText()).isEqualTo("cloud-investment");
    assertThat(listed.get("declaredBy").asText()).isEqualTo("user:root");
    assertThat(listed.get("declared").asBoolean()).isTrue();
  }

  @Test
  void usageBackfillIsRefusedAndAuditedUnlessTheCloudAllowsIt() throws Exception {
    api.addUser("root", Role.ADMIN, SECRET);
    String admin = api.login("root", SECRET);
    List<Map<String, Object>> entries = List.of(Map.of("service", "trace", "hour", "2026-01-05T08:00:00Z", "uses", 3, "user", "otto"),
        Map.of("service", "ledger", "hour", "2026-01-05T09:00:00Z", "uses", 1));

    ApiFixture.Response refused = api.send("POST", "/api/admin/backfill/usage", entries, admin);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().get("error").asText()).contains("--allow-backfill");
    assertThat(api.audit()).contains("user:root backfill-usage service_usage refused backfill not permitted on this cloud");
    assertThat(api.count("SELECT count(*) FROM service_usage")).isZero();
  }

  @Test
  void usageBackfillWhenAllowedWritesRowsMarkedBackfillOnlyForServedServicesAndKnownUsers() throws Exception {
    try (ApiFixture allowed = new ApiFixture(AccessPolicy.defaults().withAllowBackfill(true))) {
      allowed.addUser("root", Role.ADMIN, SECRET);
      allowed.addUser("otto", Role.OPERATOR, SECRET);
      String admin = allowed.login("root", SECRET);
      assertThat(allowed.send("POST", "/api/admin/backfill/usage", List.of(Map.of("service", "teleportation", "hour", "2026-01-05T08:00:00Z",
          "uses", 1), Map.of("service", "trace", "hour", "2026-01-05T08:30:00Z", "uses", 1)), admin).body().get("error").asText())
          .contains("[0] unknown service 'teleportation'").contains("[1] hour must be the start of a UTC hour");
      assertThat(allowed.send("POST", "/api/admin/backfill/usage", List.of(Map.of("service", "trace", "hour", "2026-01-05T08:00:00Z",
          "uses", 1, "user", "ghost")), admin).body().get("error").asText()).contains("unknown user(s) [ghost]");

      ApiFixture.Response ok = allowed.send("POST", "/api/admin/backfill/usage", Map.of("entries", List.of(
          Map.of("service", "trace", "hour", "2026-01-05T08:00:00Z", "uses", 3, "user", "otto"),
          Map.of("service", "ledger", "hour", "2026-01-05T09:00:00Z", "uses", 1))), admin);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.body().get("uses").asLong()).isEqualTo(4);
      assertThat(allowed.count("SELECT uses FROM service_usage WHERE service = 'trace' AND hour = '2026-01-05T08:00:00Z' AND backfill"))
          .isEqualTo(3);
      assertThat(allowed.count("SELECT count(*) FROM service_usage WHERE NOT backfill")).isZero();
      assertThat(allowed.count("SELECT count(*) FROM user_activity WHERE user_id = 'otto' AND backfill")).isOne();
      assertThat(allowed.audit()).anySatisfy(a -> assertThat(a).startsWith("user:root backfill-usage service_usage ok 2 entries, 4 uses"));
    }
  }

  /**
   * Device boiler-1 of plant-a: pressure 1, 2, 3 in minute 10:00 and 10, 20 in minute 10:01 (then a bad
   * point), 21..27 once a minute from 10:02 to 10:08; alarm high-pressure raised 10:02, cleared 10:04,
   * raised again 10:07 (active).
   */
  private void storeBoiler() throws Exception {
    api.store("plant-a", List.of(good("pressure", "10:00:00", 1), good("pressure", "10:00:20", 2), good("pressure", "10:00:40", 3),
        good("pressure", "10:01:00", 10)));
    List<Point> rest = new ArrayList<>(List.of(good("pressure", "10:01:30", 20),
        Point.bad("boiler-1", "pressure", at("10:01:45"), Quality.BAD_NO_COMMUNICATION)));
    for (int m = 2; m <= 8; m++) {
      rest.add(good("pressure", "10:0" + m + ":00", 19 + m));
    }
    rest.addAll(List.of(good("alarm:high-pressure", "10:02:00", 1), good("alarm:high-pressure", "10:04:00", 0),
        good("alarm:high-pressure", "10:07:00", 1)));
    api.store("plant-a", rest);
    api.device("plant-a", "boiler-1", "high-energy");
  }

  private static Point good(String tag, String time, double value) {
    return Point.good("boiler-1", tag, at(time), value);
  }

  private static Instant at(String time) {
    return Instant.parse("2026-03-02T" + time + "Z");
  }

  private long uses(String service, String hour) throws Exception {
    return api.count("SELECT coalesce(sum(uses), 0) FROM service_usage WHERE service = ? AND hour = ?::timestamptz AND NOT backfill",
        service, hour);
  }

  private String error(String path, int status) throws Exception {
    ApiFixture.Response r = api.get(path, operator);
    assertThat(r.status()).as("%s: %s", path, r.body()).isEqualTo(status);
    return r.body().get("error").asText();
  }

  private static JsonNode ok(ApiFixture.Response r) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    return r.body();
  }

  private static List<String> times(JsonNode points) {
    List<String> out = new ArrayList<>();
    points.forEach(p -> out.add(p.get("time").asText()));
    return out;
  }

  private static void assertBucket(JsonNode b, String start, long count, double mean, double min, double max) {
    assertThat(b.get("start").asText()).isEqualTo(start);
    assertThat(b.get("count").asLong()).isEqualTo(count);
    assertThat(b.get("mean").asDouble()).isEqualTo(mean);
    assertThat(b.get("min").asDouble()).isEqualTo(min);
    assertThat(b.get("max").asDouble()).isEqualTo(max);
  }
}

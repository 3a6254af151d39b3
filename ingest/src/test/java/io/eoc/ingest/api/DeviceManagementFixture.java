package io.eoc.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eoc.ingest.users.AccessPolicy;
import io.eoc.ingest.users.Role;
import io.eoc.wire.Point;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The device-management services (jiangsu-2023 §四 设备管理) over HTTP: an operator, an admin and an
 * assessor, and device boiler-1 of plant-a whose pressure was 21..27 from 10:02 to 10:08 (27 is its
 * latest value) with alarm high-pressure raised at 10:02, cleared at 10:04 and raised again at 10:07.
 */
abstract class DeviceManagementFixture {
  static final String SECRET = "correct horse battery";
  ApiFixture api;
  String operator;
  String admin;
  String assessor;

  @BeforeEach
  void start() throws Exception {
    api = new ApiFixture(AccessPolicy.defaults());
    api.addUser("otto", Role.OPERATOR, SECRET);
    api.addUser("root", Role.ADMIN, SECRET);
    api.addUser("ada", Role.ASSESSOR, SECRET);
    login();
    storeBoiler();
  }

  /** Moves the clock on, logging in again (sessions last 12 h). */
  void advance(java.time.Duration d) throws Exception {
    api.clock.advance(d);
    login();
  }

  private void login() throws Exception {
    operator = api.login("otto", SECRET);
    admin = api.login("root", SECRET);
    assessor = api.login("ada", SECRET);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private void storeBoiler() throws Exception {
    List<Point> points = new java.util.ArrayList<>();
    for (int m = 2; m <= 8; m++) {
      points.add(Point.good("boiler-1", "pressure", at("10:0" + m + ":00"), 19 + m));
    }
    points.addAll(List.of(Point.good("boiler-1", "alarm:high-pressure", at("10:02:00"), 1),
        Point.good("boiler-1", "alarm:high-pressure", at("10:04:00"), 0), Point.good("boiler-1", "alarm:high-pressure", at("10:07:00"), 1)));
    api.store("plant-a", points);
    api.device("plant-a", "boiler-1", "high-energy");
    api.device("plant-a", "boiler-2", "high-energy");
  }

  static Instant at(String time) {
    return Instant.parse("2026-03-02T" + time + "Z");
  }

  /** The body of a response with {@code status}, which the assertion message shows when it differs. */
  static JsonNode expect(int status, ApiFixture.Response r) {
    assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
    return r.body();
  }

  static String error(int status, ApiFixture.Response r) {
    return expect(status, r).get("error").asText();
  }

  long uses(String service) throws Exception {
    return api.count("SELECT coalesce(sum(uses), 0) FROM service_usage WHERE service = ? AND NOT backfill", service);
  }

  long allUses() throws Exception {
    return api.count("SELECT coalesce(sum(uses), 0) FROM service_usage WHERE NOT backfill");
  }
}

package io.eoc.cli.backfill;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eoc.sim.backfill.History;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The people side of a simulated history: user accounts registered at the start of the history and
 * their use of the cloud's device services (realtime, trace, SCADA screens, ledger, alarms, reports,
 * inspection, work orders, maintenance, remote control, optimisation) on working days, pushed through the cloud's usage-backfill API, so every row is marked backfill. Only a
 * cloud started with {@code --allow-backfill} accepts it.
 *
 * <p>Shape: {@value #USERS} accounts; on each working day (Monday–Friday, UTC+8) 7 of the first
 * {@value #ROTATING} users are active in rotation, the last account never is (so the monthly user
 * usage of a whole month is 9 / 10 = 90 %). Each active user reads real-time data five times, the
 * history once and opens the plant's SCADA screen twice; the first of them checks the alarms, updates the ledger, reads the daily report, does
 * the inspection round, handles work orders, records maintenance, changes a set point from the
 * cloud and reads the optimisation advice.
 * Nothing is used during a gap (an outage of the plant and its people alike).
 */
final class UsageHistory {
  static final int USERS = 10;
  static final int ROTATING = 9;
  static final String ADMIN = "history-admin";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  /** Entries per request: the API takes bodies up to 64 KiB. */
  private static final int CHUNK = 500;

  private final History.Spec spec;
  private final URI api;
  private final PrintWriter progress;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  UsageHistory(History.Spec spec, URI api, PrintWriter progress) {
    this.spec = spec;
    this.api = api;
    this.progress = progress;
  }

  static String user(int i) {
    return i == 0 ? ADMIN : i < ROTATING ? "sim-operator-" + i : "sim-viewer-" + i;
  }

  /** Registers the users (back-dated to the start of the history), logs in as the admin, sends the uses; returns the uses sent. */
  long push() throws IOException, InterruptedException {
    char[] adminPassword = randomPassword();
    Instant registered = spec.from().truncatedTo(ChronoUnit.HOURS);
    for (int i = 0; i < USERS; i++) {
      char[] password = i == 0 ? adminPassword : randomPassword();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", user(i));
      body.put("role", i == 0 ? "admin" : i < ROTATING ? "operator" : "assessor");
      body.put("password", new String(password));
      body.put("createdAt", registered.toString());
      HttpResponse<String> r = post("/api/admin/users", body, null);
      if (r.statusCode() != 201 && !(r.statusCode() == 400 && r.body().contains("exists already"))) {
        throw new IOException("the cloud refused to register simulated user " + user(i) + " (HTTP " + r.statusCode() + "): " + r.body());
      }
    }
    HttpResponse<String> login = post("/api/login", Map.of("user", ADMIN, "password", new String(adminPassword)), null);
    if (login.statusCode() != 200) {
      throw new IOException("cannot log in as " + ADMIN + " (HTTP " + login.statusCode() + "): " + login.body()
          + (login.body().contains("unknown user or wrong password") ? " — it exists from an earlier backfill; use a fresh cloud" : ""));
    }
    String token = JSON.readTree(login.body()).get("token").asText();
    List<Map<String, Object>> entries = entries();
    long uses = entries.stream().mapToLong(e -> ((Number) e.get("uses")).longValue()).sum();
    for (int from = 0; from < entries.size(); from += CHUNK) {
      List<Map<String, Object>> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
      HttpResponse<String> r = post("/api/admin/backfill/usage", Map.of("entries", chunk), token);
      if (r.statusCode() != 200) {
        throw new IOException("the cloud refused the usage backfill (HTTP " + r.statusCode() + "): " + r.body());
      }
    }
    progress.printf("  backfill: %d simulated users, %,d service uses in %,d hourly entries%n", USERS, uses, entries.size());
    progress.flush();
    return uses;
  }

  /** The hourly use entries of the whole history, in time order. */
  List<Map<String, Object>> entries() {
    List<Map<String, Object>> out = new ArrayList<>();
    Instant day = spec.from().atOffset(CHINA).truncatedTo(ChronoUnit.DAYS).toInstant();
    for (; day.isBefore(spec.to()); day = day.plus(Duration.ofDays(1))) {
      DayOfWeek dow = day.atOffset(CHINA).getDayOfWeek();
      if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
        continue;
      }
      long index = Duration.between(Instant.EPOCH, day).toDays();
      boolean first = true;
      for (int i = 0; i < ROTATING; i++) {
        if ((index + i) % ROTATING >= 7) {
          continue; // two of the nine are off today
        }
        Instant hour = day.plus(Duration.ofHours(9 + i % 8)); // 09:00–16:00 in China
        add(out, hour, "realtime", 5, user(i));
        add(out, hour, "trace", 1, user(i));
        add(out, hour, "scada", 2, user(i));
        if (first) { // the shift lead checks the alarms, keeps the ledger and reads the daily report
          add(out, hour, "alarms", 1, user(i));
          add(out, hour, "ledger", 1, user(i));
          add(out, hour, "reports", 1, user(i));
          // and the day's inspection round, work orders, maintenance record and set point changed from
          // the cloud: daily like the rest, so that no service's use has a gap time on cloud would count
          add(out, hour, "inspection", 1, user(i));
          add(out, hour, "work-order", 3, user(i));
          add(out, hour, "maintenance", 1, user(i));
          add(out, hour, "remote-control", 1, user(i));
          add(out, hour, "optimisation", 1, user(i)); // reads the compressor's pressure advice
          first = false;
        }
      }
    }
    return out;
  }

  private void add(List<Map<String, Object>> out, Instant hour, String service, long uses, String user) {
    if (hour.isBefore(spec.from()) || !hour.isBefore(spec.to()) || spec.gaps().stream()
        .anyMatch(g -> !hour.isBefore(g.from()) && hour.isBefore(g.to()))) {
      return;
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("service", service);
    e.put("hour", hour.toString());
    e.put("uses", uses);
    e.put("user", user);
    out.add(e);
  }

  private HttpResponse<String> post(String path, Object body, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofMinutes(2))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A random password nobody needs to know: simulated users exist for their usage history only. */
  private static char[] randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
  }

}

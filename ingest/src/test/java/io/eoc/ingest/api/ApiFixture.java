package io.eoc.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eoc.ingest.control.CommandSender;
import io.eoc.ingest.control.Commands;
import io.eoc.ingest.store.Incoming;
import io.eoc.ingest.store.Schema;
import io.eoc.ingest.store.TelemetryWriter;
import io.eoc.ingest.testing.SharedDatabase;
import io.eoc.ingest.users.AccessPolicy;
import io.eoc.ingest.users.Passwords;
import io.eoc.ingest.users.Role;
import io.eoc.ingest.users.Users;
import io.eoc.wire.Batch;
import io.eoc.wire.BatchCodec;
import io.eoc.wire.Point;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The cloud's database routes served over real HTTP on a fresh database of the shared embedded
 * PostgreSQL, with a hand-moved clock. Passwords are hashed with few iterations to keep tests quick.
 */
public final class ApiFixture implements AutoCloseable {
  public static final Instant T0 = Instant.parse("2026-03-02T10:15:00Z");
  public final DataSource ds;
  public final TestClock clock = new TestClock(T0);
  public final Users users;
  /** What the routes sent to agents ("agent topic expiry"); nothing is ever acknowledged. */
  public final List<String> downlink = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong seq = new AtomicLong();

  public record Response(int status, JsonNode body) {}

  public ApiFixture(AccessPolicy policy) throws Exception {
    ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    users = new Users(ds, clock, Passwords.withIterations(1000), policy.sessionTtl());
    CommandSender sender = new CommandSender(new Commands(ds, clock), (agent, topic, payload, expiry) -> {
      downlink.add(agent + " " + topic + " " + expiry);
      return new CompletableFuture<>(); // delivered to nobody yet: the command stays SENT
    }, new Audit(ds, clock)::record, clock);
    server = HttpServer.start("127.0.0.1", 0, CloudApi.services(ds, clock, users, policy, Optional.of(sender)));
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  public Response get(String path, String token) throws Exception {
    return send("GET", path, null, token);
  }

  public Response send(String method, String path, Object body, String token) throws Exception {
    return send(method, path, body, token, Map.of());
  }

  public Response send(String method, String path, Object body, String token, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path));
    headers.forEach(b::header);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), json.readTree(r.body()));
  }

  public void addUser(String id, Role role, String password) throws Exception {
    users.add(id, role, password.toCharArray());
  }

  /** Logs in over HTTP and returns the bearer token. */
  public String login(String id, String password) throws Exception {
    Response r = send("POST", "/api/login", Map.of("user", id, "password", password), null);
    if (r.status() != 200) {
      throw new AssertionError("login of " + id + " failed: " + r);
    }
    return r.body().get("token").asText();
  }

  /** Stores points through the real sink (which maintains the rollups) as one batch of {@code agent}. */
  public void store(String agent, List<Point> points) throws Exception {
    Batch b = new Batch(agent, seq.incrementAndGet(), points.get(0).timestamp(), points, List.of());
    new TelemetryWriter(ds).write(List.of(new Incoming(agent, "batches", BatchCodec.encode(b), clock.instant(), 0, seq.get(), Map.of())));
  }

  /** A device row as an agent's catalogue would create it. */
  public void device(String agent, String device, String category) throws Exception {
    sql("INSERT INTO agents (id, first_seen, last_seen) VALUES ('" + agent + "', now(), now()) ON CONFLICT DO NOTHING");
    sql("INSERT INTO devices (agent_id, id, name, category, kind, protocol, simulated, updated_at) VALUES ('" + agent + "', '"
        + device + "', '" + device + "', '" + category + "', 'boiler', 'modbus-tcp', true, now())");
  }

  public void sql(String sql) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  public long count(String sql, Object... params) throws Exception {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public List<String> audit() throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT actor, action, subject, outcome, detail FROM audit_log ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5));
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.close();
  }
}

package io.eoc.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import io.eoc.ingest.users.AccessPolicy;
import io.eoc.ingest.users.Passwords;
import io.eoc.ingest.users.Role;
import io.eoc.ingest.users.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole cloud: health and the console stay open once users exist; the assessment is a use of reports. */
class CloudApiTest {
  @TempDir
  Path dir;

  @Test
  void healthAndConsoleStayOpenWhileTheAssessmentNeedsASessionAndCountsAsAUseOfReports() throws Exception {
    try (Cloud cloud = Cloud.start(CloudConfig.embedded(dir.resolve("cloud")).withAccess(AccessPolicy.defaults()), Clock.systemUTC())) {
      new Users(cloud.dataSource(), Clock.systemUTC(), Passwords.withIterations(1000), AccessPolicy.DEFAULT_SESSION_TTL)
          .add("audrey", Role.ASSESSOR, "assessor password".toCharArray());
      String base = "http://127.0.0.1:" + cloud.httpPort();

      assertThat(status(base + "/health", null)).isIn(200, 503);
      assertThat(status(base + "/", null)).isEqualTo(200);
      assertThat(status(base + "/api/assessment", null)).isEqualTo(401);
      HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"audrey\",\"password\":\"assessor password\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(login.body()).get("token").asText();
      assertThat(status(base + "/api/assessment?format=text", token)).isEqualTo(200);

      try (Connection c = cloud.dataSource().getConnection(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT coalesce(sum(uses), 0) FROM service_usage WHERE service = 'reports' AND NOT backfill")) {
        rs.next();
        assertThat(rs.getLong(1)).isOne();
      }
    }
  }

  private static int status(String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}

package io.eoc.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.ingest.services.Service;
import io.eoc.ingest.services.Usage;
import io.eoc.ingest.store.Schema;
import io.eoc.ingest.testing.SharedDatabase;
import io.eoc.ingest.users.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uses recorded for streamed answers: once the whole body is written, and not when it fails. */
class RecordedTest {
  private final TestClock clock = new TestClock(ApiFixture.T0);
  private final ApiRequest request = new ApiRequest("GET", "/api/evidence-export", Map.of())
      .withCaller(Caller.user("auditor", Role.ASSESSOR));
  private DataSource ds;
  private Recorded recorded;

  @BeforeEach
  void setUp() throws Exception {
    ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    recorded = new Recorded(new Usage(ds, clock));
  }

  @Test
  void aStreamedAnswerCountsAsAUseOnceItsBodyIsWrittenWhole() throws Exception {
    ApiResponse r = recorded.use(Service.REPORTS, (req, g) -> ApiResponse.streamed(200, "text/plain",
        out -> out.write("all of it".getBytes(StandardCharsets.UTF_8)))).handle(request, List.of());
    assertThat(uses()).as("not before the body is written").isZero();

    ByteArrayOutputStream body = new ByteArrayOutputStream();
    r.stream().orElseThrow().writeTo(body);

    assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("all of it");
    assertThat(uses()).isOne();
    assertThat(count("SELECT count(*) FROM user_activity WHERE user_id = 'auditor'")).isOne();
  }

  @Test
  void aStreamedAnswerThatFailsMidwayIsNoUse() throws Exception {
    ApiResponse r = recorded.use(Service.REPORTS, (req, g) -> ApiResponse.streamed(200, "text/plain", out -> {
      out.write('x');
      throw new IOException("cursor lost");
    })).handle(request, List.of());

    assertThatThrownBy(() -> r.stream().orElseThrow().writeTo(new ByteArrayOutputStream())).hasMessage("cursor lost");
    assertThat(uses()).isZero();
  }

  private long uses() throws Exception {
    return count("SELECT coalesce(sum(uses), 0) FROM service_usage WHERE service = 'reports'");
  }

  private long count(String sql) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

package io.eoc.ingest.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.ingest.api.TestClock;
import io.eoc.ingest.mqtt.UplinkMessage;
import io.eoc.ingest.store.Schema;
import io.eoc.ingest.testing.SharedDatabase;
import io.eoc.wire.Command;
import io.eoc.wire.CommandCodec;
import io.eoc.wire.CommandResult;
import io.eoc.wire.CommandResult.Status;
import io.eoc.wire.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cloud's record of remote commands on a fresh database: idempotent results, unknown ids, expiry. */
class CommandsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:15:00Z");
  private static final String AGENT = "plant-a-gw1";

  private final TestClock clock = new TestClock(T0);
  private DataSource ds;
  private Commands commands;

  @BeforeEach
  void setUp() throws Exception {
    ds = SharedDatabase.freshDatabase();
    Schema.migrate(ds);
    commands = new Commands(ds, clock);
  }

  @Test
  void aResultSentAgainIsStoredOnceAndAuditedOnce() throws Exception {
    Command c = sent(Duration.ofMinutes(1));
    CommandResult applied = result(c, Status.APPLIED, OptionalDouble.of(55));

    assertThat(commands.result(AGENT, applied)).isEqualTo(Commands.Report.RECORDED);
    assertThat(commands.result(AGENT, applied)).isEqualTo(Commands.Report.DUPLICATE);

    Map<String, Object> row = commands.find(UUID.fromString(c.id())).orElseThrow();
    assertThat(row).containsEntry("status", "APPLIED").containsEntry("readBack", 55.0)
        .containsEntry("resultAt", applied.at().toString());
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'command-result' AND subject = 'command:" + c.id() + "'"))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM command_reports")).isEqualTo(1);
  }

  @Test
  void aDuplicatedResultMessageIsAcknowledgedWithoutASecondEffect() throws Exception {
    Command c = sent(Duration.ofMinutes(1));
    byte[] payload = CommandCodec.encode(result(c, Status.APPLIED, OptionalDouble.of(55)));
    List<UplinkMessage> passedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (CommandResultHandler handler = new CommandResultHandler(commands, m -> {
      passedOn.add(m);
      return CompletableFuture.completedFuture(null);
    })) {
      UplinkMessage message = new UplinkMessage(AGENT, Topics.commandResults(AGENT), payload, T0);
      handler.onMessage(message).toCompletableFuture().get(10, TimeUnit.SECONDS);
      handler.onMessage(message).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    assertThat(passedOn).isEmpty();
    assertThat(commands.find(UUID.fromString(c.id())).orElseThrow()).containsEntry("status", "APPLIED");
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'command-result'")).isEqualTo(1);
  }

  @Test
  void aLaterDifferentReportIsKeptForTheRecordButNeverOverwritesTheOutcome() throws Exception {
    Command c = sent(Duration.ofMinutes(1));
    commands.result(AGENT, result(c, Status.APPLIED, OptionalDouble.of(55)));
    clock.advance(Duration.ofSeconds(1));
    CommandResult replay = result(c, Status.REFUSED, OptionalDouble.empty());

    assertThat(commands.result(AGENT, replay)).isEqualTo(Commands.Report.IGNORED);
    assertThat(commands.result(AGENT, replay)).isEqualTo(Commands.Report.DUPLICATE);

    assertThat(commands.find(UUID.fromString(c.id())).orElseThrow()).containsEntry("status", "APPLIED");
    assertThat(count("SELECT count(*) FROM audit_log WHERE outcome = 'ignored'")).isEqualTo(1);
  }

  @Test
  void aResultForACommandTheCloudDoesNotKnowIsRecordedAndAuditedNotThrown() throws Exception {
    Command other = sent(Duration.ofMinutes(1));
    CommandResult unknown = new CommandResult(UUID.randomUUID().toString(), Status.APPLIED, "wrote 1", T0, OptionalDouble.of(1));
    CommandResult notItsOwn = result(other, Status.APPLIED, OptionalDouble.of(1));

    assertThat(commands.result(AGENT, unknown)).isEqualTo(Commands.Report.UNKNOWN);
    assertThat(commands.result(AGENT, unknown)).isEqualTo(Commands.Report.DUPLICATE);
    assertThat(commands.result("another-agent", notItsOwn)).isEqualTo(Commands.Report.UNKNOWN);

    assertThat(count("SELECT count(*) FROM command_reports WHERE outcome = 'unknown'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM audit_log WHERE outcome = 'unknown'")).isEqualTo(2);
    assertThat(commands.find(UUID.fromString(other.id())).orElseThrow()).containsEntry("status", "SENT");
  }

  @Test
  void aCommandStillSentAfterItsExpiryShowsAsExpiredUntilALateResultArrives() throws Exception {
    Command c = sent(Duration.ofMinutes(1));
    UUID id = UUID.fromString(c.id());
    clock.advance(Duration.ofSeconds(59));
    assertThat(commands.find(id).orElseThrow()).containsEntry("status", "SENT");

    clock.advance(Duration.ofSeconds(1));
    assertThat(commands.find(id).orElseThrow()).containsEntry("status", "EXPIRED").containsEntry("detail", Commands.NO_RESULT)
        .containsEntry("resultAt", null);
    assertThat(commands.list(Optional.of(AGENT), 10)).singleElement().satisfies(row -> assertThat(row).containsEntry("status", "EXPIRED"));
    assertThat(stored(id)).as("computed when read, not stored").isEqualTo("SENT");

    // Applied before the expiry while the cloud was unreachable: the result still counts.
    clock.advance(Duration.ofMinutes(5));
    assertThat(commands.result(AGENT, new CommandResult(c.id(), Status.APPLIED, "wrote 55", T0.plusSeconds(2), OptionalDouble.of(55))))
        .isEqualTo(Commands.Report.RECORDED);
    assertThat(commands.find(id).orElseThrow()).containsEntry("status", "APPLIED");
  }

  @Test
  void theListShowsTheNewestCommandsOfOneAgentFirst() throws Exception {
    Command first = sent(Duration.ofMinutes(1));
    clock.advance(Duration.ofSeconds(1));
    Command second = sent(Duration.ofMinutes(1));
    commands.sent("another-agent", new Command(UUID.randomUUID().toString(), "pv-1", "power_limit", 50, clock.instant(),
        clock.instant().plusSeconds(60), "olga"));

    assertThat(commands.list(Optional.of(AGENT), 10)).extracting(r -> r.get("id")).containsExactly(second.id(), first.id());
    assertThat(commands.list(Optional.empty(), 10)).hasSize(3);
    assertThat(commands.list(Optional.empty(), 1)).hasSize(1);
  }

  @Test
  void theAgentsReportReplacesTheTransportsVerdict() throws Exception {
    // The connection closed before the agent's PUBACK of the command: the agent did get it.
    Command c = sent(Duration.ofMinutes(1));
    commands.undelivered(AGENT, c.id(), Status.FAILED, "not delivered to the agent: transport closed");

    assertThat(commands.result(AGENT, result(c, Status.APPLIED, OptionalDouble.of(55)))).isEqualTo(Commands.Report.RECORDED);

    assertThat(commands.find(UUID.fromString(c.id())).orElseThrow()).containsEntry("status", "APPLIED").containsEntry("readBack", 55.0);
  }

  @Test
  void aCommandTheTransportGaveUpOnTakesThatOutcomeOnce() throws Exception {
    Command c = sent(Duration.ofSeconds(1));

    assertThat(commands.undelivered(AGENT, c.id(), Status.EXPIRED, "not delivered to the agent: expired")).isTrue();
    assertThat(commands.undelivered(AGENT, c.id(), Status.EXPIRED, "not delivered to the agent: expired")).isFalse();

    assertThat(commands.find(UUID.fromString(c.id())).orElseThrow()).containsEntry("status", "EXPIRED")
        .containsEntry("detail", "not delivered to the agent: expired");
    assertThat(count("SELECT count(*) FROM audit_log WHERE actor = 'cloud'")).isEqualTo(1);
  }

  private Command sent(Duration expiry) throws Exception {
    Command c = new Command(UUID.randomUUID().toString(), "pv-1", "power_limit", 55, clock.instant(),
        clock.instant().plus(expiry), "olga");
    commands.sent(AGENT, c);
    return c;
  }

  private CommandResult result(Command c, Status status, OptionalDouble readBack) {
    return new CommandResult(c.id(), status, status + " by the agent", clock.instant(), readBack);
  }

  private String stored(UUID id) throws Exception {
    try (Connection conn = ds.getConnection(); PreparedStatement ps = conn.prepareStatement("SELECT status FROM commands WHERE id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private long count(String sql) throws Exception {
    try (Connection conn = ds.getConnection(); PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

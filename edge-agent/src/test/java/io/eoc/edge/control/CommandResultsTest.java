package io.eoc.edge.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.wire.CommandCodec;
import io.eoc.wire.CommandResult;
import io.eoc.wire.CommandResult.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandResultsTest {
  private static final Executor DIRECT = Runnable::run;
  private static final Instant AT = Instant.parse("2026-03-02T10:15:00Z");

  @TempDir
  Path dir;

  private final FakeLink link = new FakeLink();

  @Test
  void aResultIsOnDiskBeforeItIsPublished() throws Exception {
    CommandResults results = open(10);
    List<String> onDiskWhenPublished = new ArrayList<>();
    link.onPublish = payload -> onDiskWhenPublished.addAll(storedPayloads());
    CommandResult r = result(Status.APPLIED);

    results.offer(r);

    assertThat(link.published).hasSize(1);
    assertThat(onDiskWhenPublished).containsExactly(new String(link.published.get(0).payload, StandardCharsets.UTF_8));
    assertThat(CommandCodec.decodeResult(link.published.get(0).payload)).isEqualTo(r);
    assertThat(results.stats().pending()).isEqualTo(1);
  }

  @Test
  void anAcknowledgedResultIsDeletedAndNeverSentAgain() throws Exception {
    CommandResults results = open(10);
    results.offer(result(Status.REFUSED));

    link.published.get(0).answer.complete(0);
    results.resend();
    results.retry();

    assertThat(link.published).hasSize(1);
    assertThat(storedPayloads()).isEmpty();
    assertThat(results.stats()).extracting(ResultStats::pending, ResultStats::acked, ResultStats::sent).containsExactly(0, 1L, 1L);
  }

  @Test
  void aResultWhoseConnectionWentBeforeThePubackIsSentAgainAfterReconnecting() throws Exception {
    CommandResults results = open(10);
    CommandResult r = result(Status.APPLIED);
    results.offer(r);

    link.published.get(0).answer.completeExceptionally(new IOException("connection lost"));
    results.resend();

    assertThat(link.published).hasSize(2);
    assertThat(CommandCodec.decodeResult(link.published.get(1).payload)).isEqualTo(r);
    link.published.get(1).answer.complete(0);
    assertThat(results.stats()).extracting(ResultStats::pending, ResultStats::resent, ResultStats::acked).containsExactly(0, 1L, 1L);
    assertThat(storedPayloads()).isEmpty();
  }

  @Test
  void whileDisconnectedAResultWaitsOnDiskAndGoesOutOnConnect() throws Exception {
    link.connected = false;
    CommandResults results = open(10);
    results.offer(result(Status.APPLIED));
    results.retry();

    assertThat(link.published).isEmpty();
    assertThat(results.stats()).extracting(ResultStats::pending, ResultStats::sent).containsExactly(1, 0L);
    assertThat(storedPayloads()).hasSize(1);

    link.connected = true;
    results.resend();
    assertThat(link.published).hasSize(1);
    assertThat(results.stats().resent()).isZero();
  }

  @Test
  void unacknowledgedResultsSurviveARestartAndGoOutInOrderOnTheFirstConnect() throws Exception {
    link.connected = false;
    CommandResults before = open(10);
    CommandResult first = result(Status.APPLIED);
    CommandResult second = result(Status.EXPIRED);
    before.offer(first);
    before.offer(second);

    FakeLink after = new FakeLink();
    CommandResults restarted = CommandResults.open(dir, 10, after, DIRECT);
    assertThat(restarted.stats()).extracting(ResultStats::pending, ResultStats::offered).containsExactly(2, 2L);
    restarted.resend();

    assertThat(after.published).extracting(p -> CommandCodec.decodeResult(p.payload)).containsExactly(first, second);
    after.published.forEach(p -> p.answer.complete(0));
    assertThat(storedPayloads()).isEmpty();
    assertThat(CommandResults.open(dir, 10, new FakeLink(), DIRECT).stats().pending()).isZero();
  }

  @Test
  void aFullQueueDropsTheOldestResultAndCountsIt() throws Exception {
    link.connected = false;
    CommandResults results = open(3);
    List<CommandResult> offered = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      CommandResult r = result(Status.REFUSED);
      offered.add(r);
      results.offer(r);
    }

    assertThat(results.stats().pending()).isEqualTo(3);
    assertThat(results.stats().dropped(ResultDrop.OVERFLOW)).isEqualTo(2);
    assertThat(storedPayloads()).hasSize(3);
    link.connected = true;
    results.resend();
    assertThat(link.published).extracting(p -> CommandCodec.decodeResult(p.payload)).containsExactlyElementsOf(offered.subList(2, 5));
  }

  @Test
  void aResultTheCloudRefusesIsDroppedAndCounted() throws Exception {
    CommandResults results = open(10);
    results.offer(result(Status.APPLIED));

    link.published.get(0).answer.complete(0x87); // Not authorized
    results.resend();

    assertThat(link.published).hasSize(1);
    assertThat(results.stats().pending()).isZero();
    assertThat(results.stats().dropped(ResultDrop.REFUSED)).isEqualTo(1);
    assertThat(results.stats().acked()).isZero();
    assertThat(storedPayloads()).isEmpty();
  }

  @Test
  void quotaExceededKeepsTheResultForTheNextRetry() throws Exception {
    CommandResults results = open(10);
    results.offer(result(Status.APPLIED));

    link.published.get(0).answer.complete(CommandResults.QUOTA_EXCEEDED);
    assertThat(results.stats()).extracting(ResultStats::pending, ResultStats::throttled).containsExactly(1, 1L);
    results.retry();
    link.published.get(1).answer.complete(0);

    assertThat(results.stats()).extracting(ResultStats::pending, ResultStats::acked).containsExactly(0, 1L);
  }

  @Test
  void anAnswerFromAnEarlierConnectionNeitherDuplicatesNorLosesTheResult() throws Exception {
    CommandResults results = open(10);
    results.offer(result(Status.APPLIED));
    results.resend(); // reconnected while the first publication was in flight

    link.published.get(0).answer.completeExceptionally(new IOException("old connection closed"));
    results.retry();
    assertThat(link.published).as("the second publication is still in flight").hasSize(2);

    link.published.get(1).answer.complete(0);
    link.published.get(0).answer.obtrudeValue(0); // a late duplicate answer changes nothing
    assertThat(results.stats()).extracting(ResultStats::pending, ResultStats::acked, ResultStats::resent).containsExactly(0, 1L, 1L);
  }

  @Test
  void damagedAndHalfWrittenFilesAreCountedWithTheirReasonAtStart() throws Exception {
    link.connected = false;
    open(10).offer(result(Status.APPLIED));
    Files.writeString(dir.resolve("0000000000000000007-" + UUID.randomUUID() + ".result"), "{\"id\":");
    Files.writeString(dir.resolve("0000000000000000008-" + UUID.randomUUID() + ".result.tmp"), "{");

    CommandResults results = open(10);

    assertThat(results.stats().pending()).isEqualTo(1);
    assertThat(results.stats().dropped(ResultDrop.UNREADABLE)).isEqualTo(1);
    assertThat(results.stats().dropped(ResultDrop.INCOMPLETE)).isEqualTo(1);
    assertThat(results.stats().offered()).isEqualTo(3);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".result.unreadable"))
          .noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aResultThatCannotBeStoredIsCountedAndStillSent() throws Exception {
    CommandResults results = open(10);
    Files.delete(dir);
    Files.writeString(dir, "not a directory");

    results.offer(result(Status.APPLIED));

    assertThat(results.stats()).extracting(ResultStats::pending, ResultStats::notStored).containsExactly(1, 1L);
    assertThat(link.published).hasSize(1);
    link.published.get(0).answer.complete(0);
    assertThat(results.stats().pending()).isZero();
  }

  private CommandResults open(int capacity) throws IOException {
    return CommandResults.open(dir, capacity, link, DIRECT);
  }

  private static CommandResult result(Status status) {
    return new CommandResult(UUID.randomUUID().toString(), status, "detail of " + status, AT,
        status == Status.APPLIED ? OptionalDouble.of(55) : OptionalDouble.empty());
  }

  private List<String> storedPayloads() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".result")).sorted().map(p -> {
        try {
          return Files.readString(p);
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }).toList();
    }
  }

  private interface IoConsumer {
    void accept(byte[] payload) throws IOException;
  }

  /** The MQTT side by hand: each publication waits for the test to answer it. */
  private static final class FakeLink implements ResultLink {
    record Publication(byte[] payload, CompletableFuture<Integer> answer) {}

    final List<Publication> published = new ArrayList<>();
    volatile boolean connected = true;
    IoConsumer onPublish = payload -> { };

    @Override
    public CompletionStage<Integer> publish(byte[] payload) throws IOException {
      if (!connected) {
        throw new IOException("not connected");
      }
      onPublish.accept(payload);
      Publication p = new Publication(payload, new CompletableFuture<>());
      published.add(p);
      return p.answer();
    }
  }
}

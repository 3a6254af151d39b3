package io.eoc.ingest.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Counts the threads of the whole JVM, so it must not overlap with tests that start servers.
 * {@code @Isolated} only matters when JUnit runs classes in parallel.
 */
@Isolated
class EmbeddedKafkaShutdownTest {

  @TempDir Path dataDir;

  @Test
  void closeIsIdempotentAndLeavesNoServerThreadsRunning() throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir);
    kafka.createTopicIfAbsent("readings", 1);

    kafka.close();
    kafka.close();

    assertThat(ThreadWatch.awaitOnlyJvmWideThreadsLeft(before, Duration.ofSeconds(20))).isEmpty();
  }
}

package io.eoc.ingest.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {

  @TempDir Path dir;

  @Test
  void aClaimInThisJvmIsRefusedUntilTheFirstIsReleased() throws Exception {
    DirectoryLock first = DirectoryLock.acquire(dir, "Kafka");

    assertThatThrownBy(() -> DirectoryLock.acquire(dir, "Kafka"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Kafka data directory " + dir.toRealPath()
            + " is in use by another running instance in this JVM");

    first.close();
    first.close();
    DirectoryLock.acquire(dir, "Kafka").close();
  }

  @Test
  void kafkaAndPostgresqlCanShareOneDataDirectory() throws Exception {
    try (DirectoryLock kafka = DirectoryLock.acquire(dir, "Kafka");
        DirectoryLock postgres = DirectoryLock.acquire(dir, "PostgreSQL")) {
      assertThat(kafka.directory()).isEqualTo(postgres.directory());
      assertThat(dir.resolve("kafka.lock")).exists();
      assertThat(dir.resolve("postgresql.lock")).exists();
    }
  }

  @Test
  void aClaimHeldByAnotherProcessIsRefusedNamingTheDirectory() throws Exception {
    Process holder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        LockHolder.class.getName(), dir.resolve("postgresql.lock").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(CompletableFuture.supplyAsync(() -> readLine(out)).get(20, TimeUnit.SECONDS))
          .isEqualTo("locked true");

      assertThatThrownBy(() -> DirectoryLock.acquire(dir, "PostgreSQL"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("PostgreSQL data directory " + dir.toRealPath())
          .hasMessageContaining("another running process");
    } finally {
      holder.getOutputStream().close();
      if (!holder.waitFor(20, TimeUnit.SECONDS)) {
        holder.destroyForcibly();
      }
    }
    DirectoryLock.acquire(dir, "PostgreSQL").close();
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

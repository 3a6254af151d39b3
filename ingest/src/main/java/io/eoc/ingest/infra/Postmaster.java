package io.eoc.ingest.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server process of a data directory, found through {@code postmaster.pid}, whose
 * first line is the postmaster's pid (PostgreSQL docs, "Database File Layout").
 */
final class Postmaster {

  private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);

  private Postmaster() {}

  /** The live postmaster serving {@code pgData}, if any. */
  static Optional<ProcessHandle> running(Path pgData) {
    List<String> lines;
    try {
      lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn("Cannot read postmaster.pid in {}", pgData, e);
      return Optional.empty();
    }
    try {
      return lines.isEmpty()
          ? Optional.empty()
          : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(Postmaster::isPostgres);
    } catch (NumberFormatException e) {
      LOG.warn("Malformed postmaster.pid in {}", pgData, e);
      return Optional.empty();
    }
  }

  /** A stale pid file may name a pid that now belongs to an unrelated process. */
  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(c -> c.endsWith("/postgres")).orElse(true);
  }

  /** Waits up to {@code bound} for the process to end; true if it did. */
  static boolean awaitExit(ProcessHandle postmaster, Duration bound) {
    try {
      postmaster.onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Asks the postmaster to shut down (SIGTERM, "smart" mode: no new connections, finish and
   * exit) and waits up to {@code bound}.
   */
  static boolean stop(ProcessHandle postmaster, Duration bound) {
    postmaster.destroy();
    return awaitExit(postmaster, bound);
  }
}

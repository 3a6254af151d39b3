package io.eoc.edge.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes directory changes (create, delete, rename) durable. */
final class Fsync {
  private static final Logger log = LoggerFactory.getLogger(Fsync.class);
  private static volatile boolean warned;

  private Fsync() {}

  /**
   * Forces the directory entry changes to disk. Forcing a file covers its data, not its name in the
   * directory (POSIX fsync(2)); without this a segment created or deleted just before a power loss
   * may come back or vanish. Windows cannot open a directory, hence best effort with one warning.
   */
  static void directory(Path dir) {
    // A FileChannel gives up (ClosedByInterruptException) if the thread is interrupted, and ack
    // callbacks or a stopping agent may be; the interrupt is kept for the caller, not lost.
    boolean interrupted = Thread.interrupted();
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      if (!warned) {
        warned = true;
        log.warn("cannot fsync directory {}; file creations and deletions may not survive a power"
            + " loss", dir, e);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

package io.eoc.wire.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files that must survive a crash or a power loss whole or not at all: written to a sibling
 * {@code .tmp}, forced, renamed over the target, and the directory forced. Forcing a file covers its
 * data, not its name in the directory (POSIX fsync(2)); without the directory's fsync a file
 * renamed into place just before a power loss may vanish or come back.
 *
 * <p>A FileChannel gives up (ClosedByInterruptException) on an interrupted thread, and callbacks or
 * a stopping service may be interrupted: the interrupt is set aside for the write and restored.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /** Replaces {@code file} with {@code content}; returns once both are on disk. */
  public static void replace(Path file, byte[] content) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(file.toAbsolutePath().getParent());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Forces a directory's entries (creations, deletions, renames) to disk. Windows cannot open a
   * directory, hence best effort: the problem is returned for the caller to report, not thrown.
   */
  public static java.util.Optional<IOException> forceDirectory(Path dir) {
    if (dir == null) {
      return java.util.Optional.empty();
    }
    boolean interrupted = Thread.interrupted();
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
      return java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.of(e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

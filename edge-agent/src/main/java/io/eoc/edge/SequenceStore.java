package io.eoc.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Hands out batch sequence numbers that keep growing across restarts and crashes. Numbers are
 * reserved on disk in blocks, so a crash skips at most one block and never reuses a number
 * (reuse would make the cloud drop a new batch as a duplicate).
 */
final class SequenceStore {
  static final long BLOCK = 1000;
  private final Path file;
  private long next;
  private long reservedUpTo;

  SequenceStore(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      this.file = dataDir.resolve("sequence");
      if (Files.exists(file)) {
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
          next = Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw new IllegalStateException("corrupt sequence file " + file + ": '" + text + "'", e);
        }
      }
      reservedUpTo = next;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use agent data directory " + dataDir, e);
    }
  }

  synchronized long next() {
    if (next >= reservedUpTo) {
      reserve(next + BLOCK);
    }
    return next++;
  }

  private void reserve(long upTo) {
    Path tmp = file.resolveSibling("sequence.tmp");
    try {
      Files.writeString(tmp, Long.toString(upTo), StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      reservedUpTo = upTo;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}

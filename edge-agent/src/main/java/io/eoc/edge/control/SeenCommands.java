package io.eoc.edge.control;

import io.eoc.wire.io.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;

/**
 * The ids of the last {@code capacity} commands received, in memory and in a file of the agent's
 * data directory, so that a command replayed after a restart is still refused. An id is recorded
 * before the command runs: a crash during the write must not let the same command run twice.
 */
final class SeenCommands {
  private final Path file;
  private final int capacity;
  private final LinkedHashSet<String> ids = new LinkedHashSet<>();

  SeenCommands(Path file, int capacity) throws IOException {
    this.file = file;
    this.capacity = capacity;
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          ids.add(line.strip());
        }
      }
    }
  }

  /** Records {@code id}; false if it was seen before. */
  synchronized boolean firstTime(String id) throws IOException {
    if (ids.contains(id)) {
      return false;
    }
    ids.add(id);
    while (ids.size() > capacity) {
      ids.remove(ids.iterator().next());
    }
    Files.createDirectories(file.getParent());
    // Forced to disk before the command runs: after a power loss the id must still be there.
    DurableFiles.replace(file, (String.join("\n", ids) + "\n").getBytes(StandardCharsets.UTF_8));
    return true;
  }
}

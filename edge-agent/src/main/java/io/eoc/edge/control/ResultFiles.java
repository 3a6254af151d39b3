package io.eoc.edge.control;

import io.eoc.wire.CommandCodec;
import io.eoc.wire.CommandResult;
import io.eoc.wire.MalformedMessageException;
import io.eoc.wire.io.DurableFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file per unacknowledged command result: {@code <sequence>-<command id>.result}, holding the
 * result as sent ({@link CommandCodec}). A file is written with {@link DurableFiles#replace} (to
 * {@code .tmp}, forced, renamed, the directory forced), so a result is either whole on disk or not
 * there; a crash in between
 * leaves a {@code .tmp} that the next start deletes and reports. Results are rare (one per
 * operator command), so a file and two fsyncs each cost nothing worth a log format.
 */
final class ResultFiles {
  private static final Logger log = LoggerFactory.getLogger(ResultFiles.class);
  private static final String SUFFIX = ".result";
  private static final String TMP = ".tmp";
  private static final Pattern NAME = Pattern.compile("(\\d{1,19})-([0-9a-fA-F-]{36})\\" + SUFFIX);

  private final Path dir;

  /** A result read back from disk. */
  record Stored(long sequence, CommandResult result, byte[] payload) {}

  /** What {@link #load} found: the readable results in sequence order, and how many were lost. */
  record Loaded(List<Stored> results, int unreadable, int incomplete) {}

  ResultFiles(Path dir) {
    this.dir = dir;
  }

  Loaded load() throws IOException {
    Files.createDirectories(dir);
    List<Stored> results = new ArrayList<>();
    int unreadable = 0;
    int incomplete = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        Matcher m = NAME.matcher(name);
        if (name.endsWith(TMP)) {
          incomplete++;
          log.warn("command result file {} was being written when the agent stopped: deleted, that result is lost", f);
          Files.delete(f);
        } else if (m.matches()) {
          Stored s = read(f, Long.parseLong(m.group(1)));
          if (s == null) {
            unreadable++;
          } else {
            results.add(s);
          }
        }
      }
    }
    results.sort(Comparator.comparingLong(Stored::sequence));
    return new Loaded(results, unreadable, incomplete);
  }

  /** The result in {@code f}, or null after setting a damaged file aside as {@code .unreadable}. */
  private Stored read(Path f, long sequence) throws IOException {
    byte[] payload = Files.readAllBytes(f);
    try {
      return new Stored(sequence, CommandCodec.decodeResult(payload), payload);
    } catch (MalformedMessageException e) {
      Path aside = f.resolveSibling(f.getFileName() + ".unreadable");
      Files.move(f, aside, StandardCopyOption.REPLACE_EXISTING);
      log.error("command result file {} is damaged ({}): moved to {}, that result is lost", f, e.getMessage(), aside);
      return null;
    }
  }

  /** Stores {@code payload} durably; returns once it is on disk. */
  void write(long sequence, String commandId, byte[] payload) throws IOException {
    DurableFiles.replace(file(sequence, commandId), payload);
  }

  /**
   * Deletes an acknowledged result. Not forced: if the deletion does not survive a power loss, the
   * result is sent once more and the cloud, which stores results idempotently, ignores it.
   */
  void delete(long sequence, String commandId) throws IOException {
    Files.deleteIfExists(file(sequence, commandId));
  }

  private Path file(long sequence, String commandId) {
    return dir.resolve(String.format("%019d-%s%s", sequence, commandId, SUFFIX));
  }
}

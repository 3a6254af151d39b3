package io.eoc.edge.outbox;

import io.eoc.edge.outbox.FrameCodec.Decoded;
import io.eoc.edge.outbox.FrameCodec.Frame;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the index from the segment files when an outbox opens. Every frame is checked (magic,
 * length, CRC32C, sequence after the previous one), and the first bad frame of a segment ends it:
 *
 * <ul>
 *   <li>in the last segment, with nothing valid after it: a torn tail, i.e. a write that a crash
 *       interrupted and that was therefore never reported durable. It is cut off.
 *   <li>anywhere else, or with a valid frame after it: corruption. The rest of the segment is moved
 *       to {@code <segment>.<offset>.corrupt} for inspection and the next segment is read.
 * </ul>
 *
 * Nothing is skipped silently: both cases are logged with file and offset, and counted.
 */
final class Recovery {
  private static final Logger log = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  record Result(List<Segment> segments, int tornTails, int quarantined) {}

  private enum Outcome { CLEAN, TORN_TAIL, QUARANTINED }

  static Result run(Path dir) throws IOException {
    List<Path> files = segmentFiles(dir);
    List<Segment> kept = new ArrayList<>();
    long previous = Long.MIN_VALUE;
    int torn = 0;
    int quarantined = 0;
    try {
      for (int i = 0; i < files.size(); i++) {
        Path path = files.get(i);
        Segment s = Segment.openExisting(path, Segment.baseOf(path).getAsLong());
        kept.add(s);
        Outcome outcome = scan(s, previous, i == files.size() - 1);
        torn += outcome == Outcome.TORN_TAIL ? 1 : 0;
        quarantined += outcome == Outcome.QUARANTINED ? 1 : 0;
        if (s.count() == 0) {
          kept.remove(kept.size() - 1);
          s.close();
          Files.delete(path);
          Fsync.directory(dir);
        } else {
          previous = s.lastSequence();
        }
      }
    } catch (IOException | RuntimeException e) {
      Segment.closeAll(kept);
      throw e;
    }
    if (!kept.isEmpty()) {
      kept.get(kept.size() - 1).positionAtEnd();
    }
    return new Result(kept, torn, quarantined);
  }

  private static Outcome scan(Segment s, long previous, boolean last) throws IOException {
    FileChannel channel = s.channel();
    long size = channel.size();
    if (s.base <= previous) {
      return quarantine(s, 0, size, "file name sequence " + s.base + " is not after " + previous);
    }
    long offset = 0;
    long before = previous;
    while (offset < size) {
      Decoded decoded = FrameCodec.decode(channel, offset, size);
      if (!decoded.valid()) {
        boolean torn = last && !FrameCodec.validFrameAfter(channel, offset + 1, size);
        return torn ? truncateTornTail(s, offset, size, decoded.problem())
            : quarantine(s, offset, size, decoded.problem());
      }
      Frame frame = decoded.frame();
      if (frame.sequence() <= before || frame.sequence() < s.base) {
        return quarantine(s, offset, size, "sequence " + frame.sequence() + " is not after "
            + Math.max(before, s.base - 1));
      }
      s.publish(frame);
      before = frame.sequence();
      offset = frame.end();
    }
    return Outcome.CLEAN;
  }

  private static Outcome truncateTornTail(Segment s, long offset, long size, String problem)
      throws IOException {
    log.warn("outbox: torn tail in {} at offset {} ({}): cutting off {} bytes of an interrupted"
        + " write that was never reported durable", s.path, offset, problem, size - offset);
    s.channel().truncate(offset);
    s.channel().force(false);
    return Outcome.TORN_TAIL;
  }

  private static Outcome quarantine(Segment s, long offset, long size, String problem)
      throws IOException {
    Path corrupt = s.path.resolveSibling(s.path.getFileName() + "." + offset + ".corrupt");
    try (FileChannel out = FileChannel.open(corrupt, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      long at = offset;
      while (at < size) {
        at += s.channel().transferTo(at, size - at, out);
      }
      out.force(false);
    }
    // The copy is durable before the segment is cut, so a crash in between repeats the quarantine
    // (same file name) instead of losing the bytes.
    s.channel().truncate(offset);
    s.channel().force(false);
    Fsync.directory(s.path.getParent());
    log.error("outbox: corrupt data in {} at offset {} ({}): {} bytes moved to {}; {} valid records"
        + " before it kept", s.path, offset, problem, size - offset, corrupt.getFileName(), s.count());
    return Outcome.QUARANTINED;
  }

  private static List<Path> segmentFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> Segment.baseOf(p).isPresent() && Files.isRegularFile(p))
          .sorted(Comparator.comparingLong(p -> Segment.baseOf(p).getAsLong()))
          .collect(Collectors.toList());
    }
  }
}

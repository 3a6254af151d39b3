package io.eoc.edge.outbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The child process of {@link OutboxCrashTest}: appends until it is killed. Its stdout is the
 * protocol with the test (hence System.out): "durable N" once the append of N returned, "acked N"
 * once the ack of N returned. Continues after the highest sequence found in the outbox.
 */
public final class OutboxCrashChild {
  static final int MAX_BATCH = 21;

  private OutboxCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    PrintStream out = System.out;
    try (Outbox outbox = Outbox.open(dir, OutboxCrashTest.CONFIG, Clock.systemUTC())) {
      long next = outbox.lastSequence().orElse(0) + 1;
      SplittableRandom random = new SplittableRandom(next);
      out.println("ready " + next);
      out.flush();
      while (true) {
        // Mix single appends and group commits, so both are killed mid-write now and then.
        int n = random.nextInt(3) == 0 ? 2 + random.nextInt(MAX_BATCH - 1) : 1;
        List<OutboxEntry> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++, next++) {
          batch.add(new OutboxEntry(next, TestPayloads.of(next)));
        }
        outbox.appendAll(batch);
        report(out, "durable ", batch, false);
        for (OutboxEntry e : batch) {
          if (e.sequence() % 3 == 0) {
            outbox.ack(e.sequence());
          }
        }
        report(out, "acked ", batch, true);
      }
    }
  }

  private static void report(PrintStream out, String word, List<OutboxEntry> batch,
      boolean ackedOnly) {
    StringBuilder lines = new StringBuilder();
    for (OutboxEntry e : batch) {
      if (!ackedOnly || e.sequence() % 3 == 0) {
        lines.append(word).append(e.sequence()).append('\n');
      }
    }
    out.print(lines);
    out.flush();
  }
}

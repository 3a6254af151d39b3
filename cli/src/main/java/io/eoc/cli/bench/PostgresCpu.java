package io.eoc.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time and memory of the embedded PostgreSQL (its postmaster, found by its data directory on
 * the command line, and the postmaster's children: backends, WAL writer, checkpointer) from /proc.
 * Linux only; elsewhere it reports nothing. Ticks are taken as 100 Hz (USER_HZ on Linux). Memory is
 * the sum of the processes' PSS (proportional set size, /proc/PID/smaps_rollup), which counts the
 * shared buffers once in all rather than once per process as a sum of RSS would.
 */
final class PostgresCpu {
  private static final double TICKS_PER_SECOND = 100;
  private final String dataDir;
  private final Map<Long, Long> start;

  PostgresCpu(Path dataDir) {
    this.dataDir = dataDir.toAbsolutePath().toString();
    this.start = ticks();
  }

  /** Cores used since construction over {@code seconds}, or -1 when PostgreSQL was not found. */
  double coresSince(double seconds) {
    Map<Long, Long> now = ticks();
    if (now.isEmpty()) {
      return -1;
    }
    long used = 0;
    for (var e : now.entrySet()) {
      used += e.getValue() - start.getOrDefault(e.getKey(), 0L);
    }
    return used / TICKS_PER_SECOND / seconds;
  }

  /** PSS of PostgreSQL's processes in bytes, or -1 when it was not found or the kernel has no smaps_rollup. */
  long pssBytes() {
    long sum = 0;
    boolean any = false;
    for (long pid : ticks().keySet()) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
          if (line.startsWith("Pss:")) {
            sum += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            any = true;
          }
        }
      } catch (IOException | RuntimeException e) {
        // the process ended while we looked
      }
    }
    return any ? sum : -1;
  }

  private Map<Long, Long> ticks() {
    Map<Long, Long> out = new HashMap<>();
    Map<Long, long[]> all = new HashMap<>(); // pid -> {ppid, utime + stime}
    Set<Long> postmasters = new HashSet<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
        try {
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long pid = Long.parseLong(p.getFileName().toString());
          all.put(pid, new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])});
          String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmd.contains("postgres") && cmd.contains(dataDir)) {
            postmasters.add(pid);
          }
        } catch (IOException | RuntimeException e) {
          // the process ended while we looked: its time is lost, as for any exited process
        }
      });
    } catch (IOException | RuntimeException e) {
      return out;
    }
    all.forEach((pid, v) -> {
      if (postmasters.contains(pid) || postmasters.contains(v[0])) {
        out.put(pid, v[1]);
      }
    });
    return out;
  }
}

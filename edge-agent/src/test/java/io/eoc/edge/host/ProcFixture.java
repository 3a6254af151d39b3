package io.eoc.edge.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A hand-written stand-in for {@code /proc}: the files the host driver reads, in their kernel format. */
final class ProcFixture {
  private final Path dir;

  ProcFixture(Path dir) {
    this.dir = dir;
    write("sys/kernel/hostname", "app-server-1\n");
    write("sys/kernel/osrelease", "6.1.0-18-amd64\n");
    meminfo(16_000_000, 4_000_000);
  }

  Path dir() {
    return dir;
  }

  /** The aggregate line, then two per-CPU lines that must be ignored. Fields: user nice system idle iowait irq softirq steal guest guest_nice. */
  ProcFixture stat(String cpuFields) {
    return write("stat", "cpu  " + cpuFields + "\ncpu0 1 2 3 4 5 6 7 8 0 0\ncpu1 9 9 9 9 9 9 9 9 0 0\nintr 12345 0 0\nctxt 999\n");
  }

  ProcFixture uptime(String seconds) {
    return write("uptime", seconds + " 3600.00\n");
  }

  /** {@code /proc/net/dev} with lo and the given interfaces' receive and transmit byte counters. */
  ProcFixture netDev(String... nameRxTx) {
    StringBuilder b = new StringBuilder("""
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:  555000    100    0    0    0     0          0         0   555000     100    0    0    0     0       0          0
        """);
    for (String entry : nameRxTx) {
      String[] f = entry.split(" ");
      b.append(String.format("%6s: %s 7000 0 0 0 0 0 0 %s 6000 0 0 0 0 0 0%n", f[0], f[1], f[2]));
    }
    return write("net/dev", b.toString());
  }

  ProcFixture meminfo(long totalKb, long availableKb) {
    return write("meminfo", "MemTotal:       " + totalKb + " kB\nMemFree:         100000 kB\nMemAvailable:   "
        + availableKb + " kB\nBuffers:           2000 kB\n");
  }

  ProcFixture remove(String relative) {
    try {
      Files.deleteIfExists(dir.resolve(relative));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ProcFixture write(String relative, String text) {
    try {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.eoc.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples this process (embedded Kafka, Kafka Streams, the MQTT transport, the store consumer and
 * the load generator all run in it) and the machine once a second: CPU from
 * {@code com.sun.management.OperatingSystemMXBean}, heap, RSS from {@code /proc/self/status}, and
 * the embedded PostgreSQL's processes from /proc, and the whole machine's busy CPU from
 * {@code /proc/stat} (which includes anything else running on the machine).
 */
final class ProcessStats implements AutoCloseable {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private final long startCpuNanos;
  private final long startWall;
  private final long[] startMachine;
  private final ThreadCpu threadCpu = new ThreadCpu();
  private volatile boolean running = true;
  private double loadSum;
  private int samples;
  private long heapMax;
  private long heapSum;
  private long rssMax;
  private long rssSum;
  private long pgPssMax = -1;
  private long pgPssSum;
  private int pgSamples;

  private final PostgresCpu postgres;

  /** @param postgresDir the embedded PostgreSQL's data directory, to find its processes */
  ProcessStats(Path postgresDir) {
    this.postgres = new PostgresCpu(postgresDir);
    this.startCpuNanos = os.getProcessCpuTime();
    this.startWall = System.nanoTime();
    this.startMachine = machineTicks();
    this.thread = new Thread(this::run, "bench-process-stats");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      LockSupport.parkNanos(1_000_000_000L);
      double load = os.getProcessCpuLoad();
      long heap = memory.getHeapMemoryUsage().getUsed();
      long rss = rssBytes();
      long pgPss = postgres.pssBytes();
      synchronized (this) {
        if (pgPss >= 0) {
          pgPssMax = Math.max(pgPssMax, pgPss);
          pgPssSum += pgPss;
          pgSamples++;
        }
        if (load >= 0) {
          loadSum += load;
        }
        samples++;
        heapMax = Math.max(heapMax, heap);
        heapSum += heap;
        rssMax = Math.max(rssMax, rss);
        rssSum += rss;
      }
    }
  }

  /** Stops sampling and summarises: averages over the samples, CPU from the CPU-time difference. */
  synchronized Map<String, Object> summary() {
    running = false;
    double wall = (System.nanoTime() - startWall) / 1e9;
    double cores = (os.getProcessCpuTime() - startCpuNanos) / 1e9 / wall;
    long[] machine = machineTicks();
    int n = Math.max(1, samples);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("processCpuCoresAvg", round2(cores));
    m.put("processCpuCoresByThreadGroup", threadCpu.coresSince(wall, cores));
    double pg = postgres.coresSince(wall);
    m.put("postgresCpuCoresAvg", pg < 0 ? null : round2(pg));
    m.put("postgresPssAvgMb", pgSamples == 0 ? null : (pgPssSum / pgSamples) >> 20);
    m.put("postgresPssMaxMb", pgPssMax < 0 ? null : pgPssMax >> 20);
    m.put("processCpuPercentOfMachineAvg", round2(100.0 * cores / Runtime.getRuntime().availableProcessors()));
    m.put("processCpuLoadSampledAvgPercent", round2(100.0 * loadSum / n));
    m.put("machineCpuBusyPercentAvg", machine == null || startMachine == null ? null
        : round2(100.0 * (machine[0] - startMachine[0]) / Math.max(1, machine[1] - startMachine[1])));
    m.put("heapUsedAvgMb", heapSum / n >> 20);
    m.put("heapUsedMaxMb", heapMax >> 20);
    m.put("heapCommittedMb", memory.getHeapMemoryUsage().getCommitted() >> 20);
    m.put("heapMaxMb", memory.getHeapMemoryUsage().getMax() >> 20);
    m.put("rssAvgMb", rssSum / n >> 20);
    m.put("rssMaxMb", rssMax >> 20);
    m.put("samples", samples);
    return m;
  }

  /** VmRSS of this process in bytes, or -1 where /proc is missing. */
  static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Busy and total jiffies of all CPUs from the first line of /proc/stat, or null. */
  private static long[] machineTicks() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
      String[] f = lines.get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  @Override
  public void close() {
    running = false;
  }
}

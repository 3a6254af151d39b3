package io.eoc.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time of this JVM's threads grouped by role, so that the load generator's share (sealing and
 * TLS on the agent side run in this process too) can be told apart from the cloud's. Time of
 * threads that ended between two snapshots is lost; GC and JIT threads are not Java threads and
 * end up in {@code otherIncludingGcAndJit} = process CPU − the groups.
 */
final class ThreadCpu {
  private record Group(String name, Predicate<String> member) {}

  private static final List<Group> GROUPS = List.of(
      new Group("loadGenerator", n -> n.startsWith("bench-agent-") || (n.startsWith("MQTT ") && n.contains("bench-"))),
      new Group("commitObserver", n -> n.startsWith("bench-commit-observer")),
      new Group("mqttTransport", n -> n.startsWith("eoc-mqtt")),
      new Group("kafkaStreams", n -> n.contains("StreamThread")),
      new Group("storeConsumer", n -> n.startsWith("eoc-store")),
      new Group("kafkaBrokerAndClients", n -> n.contains("kafka") || n.contains("Kafka") || n.startsWith("data-plane")
          || n.startsWith("broker-") || n.startsWith("controller-") || n.contains("producer") || n.contains("consumer")));

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> start;

  ThreadCpu() {
    this.start = snapshot().entrySet().stream().collect(HashMap::new, (m, e) -> m.put(e.getKey(), e.getValue().cpu), Map::putAll);
  }

  private record Sample(String name, long cpu) {}

  private Map<Long, Sample> snapshot() {
    Map<Long, Sample> out = new HashMap<>();
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = threads.getThreadCpuTime(ids[i]);
      if (infos[i] != null && cpu >= 0) {
        out.put(ids[i], new Sample(infos[i].getThreadName(), cpu));
      }
    }
    return out;
  }

  /** Cores used per group since construction, over {@code seconds} of wall time. */
  Map<String, Object> coresSince(double seconds, double processCores) {
    Map<String, Long> nanos = new LinkedHashMap<>();
    GROUPS.forEach(g -> nanos.put(g.name(), 0L));
    for (var e : snapshot().entrySet()) {
      long used = e.getValue().cpu - start.getOrDefault(e.getKey(), 0L);
      GROUPS.stream().filter(g -> g.member().test(e.getValue().name)).findFirst()
          .ifPresent(g -> nanos.merge(g.name(), used, Long::sum));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    double sum = 0;
    for (var e : nanos.entrySet()) {
      double cores = e.getValue() / 1e9 / seconds;
      sum += cores;
      m.put(e.getKey(), Math.round(cores * 100) / 100.0);
    }
    m.put("otherIncludingGcAndJit", Math.round((processCores - sum) * 100) / 100.0);
    return m;
  }
}

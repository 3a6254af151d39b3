package io.eoc.edge.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.wire.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FilterStatsTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void countsStayExactWhileDeviceThreadsFilterAndTheBatcherDrains() throws Exception {
    FilterStats stats = new FilterStats();
    FilterChain chain = FilterChain.builder().stats(stats).build();
    int devices = 4;
    int batches = 200;
    ExecutorService pool = Executors.newFixedThreadPool(devices + 1);
    try {
      AtomicBoolean done = new AtomicBoolean();
      Future<Long> drainer = pool.submit(() -> {
        long drained = 0;
        while (!done.get()) {
          drained += stats.drainCounts().stream().mapToLong(DropCount::count).sum();
          Thread.yield();
        }
        return drained;
      });
      List<Future<?>> pollers = new ArrayList<>();
      for (int d = 0; d < devices; d++) {
        String device = "d" + d;
        pollers.add(pool.submit(() -> {
          for (int b = 0; b < batches; b++) {
            List<Point> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
              // one NaN per batch, the rest good: 10 points per batch
              batch.add(Point.good(device, "t" + i, T0.plusSeconds(b), i == 0 ? Double.NaN : b));
            }
            assertThat(chain.apply(batch)).hasSize(9);
          }
        }));
      }
      for (Future<?> f : pollers) {
        f.get(30, TimeUnit.SECONDS);
      }
      done.set(true);
      long drained = drainer.get(30, TimeUnit.SECONDS)
          + stats.drainCounts().stream().mapToLong(DropCount::count).sum();
      assertThat(drained).isEqualTo((long) devices * batches);
      assertThat(stats.totals()).extracting(DropCount::count).containsOnly((long) batches);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void dropCountRejectsInvalidNamesAndNegativeCounts() {
    assertThatThrownBy(() -> new DropCount("d", "bad tag", "nan", 1))
        .hasMessageContaining("tag 'bad tag' is not a valid name");
    assertThatThrownBy(() -> new DropCount("d", "t", "nan", -1))
        .hasMessageContaining("count must be >= 0");
  }
}

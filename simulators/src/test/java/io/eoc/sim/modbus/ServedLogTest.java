package io.eoc.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServedLogTest {

  private static ServedRead read(long second) {
    return new ServedRead(Instant.ofEpochSecond(second), "boiler-1", 1, 0,
        Map.of("running", 1.0));
  }

  @Test
  void keepsOnlyTheNewestReadsWhenFull() {
    ServedLog log = new ServedLog(3);
    for (int i = 1; i <= 5; i++) {
      log.record(read(i));
    }
    assertThat(log.reads()).extracting(r -> r.servedAt().getEpochSecond())
        .containsExactly(3L, 4L, 5L);
    assertThat(log.size()).isEqualTo(3);
    assertThat(log.totalRecorded()).isEqualTo(5);
    assertThat(log.latest()).contains(read(5));
  }

  @Test
  void readsSinceIncludesTheBoundary() {
    ServedLog log = new ServedLog(10);
    for (int i = 1; i <= 4; i++) {
      log.record(read(i));
    }
    assertThat(log.readsSince(Instant.ofEpochSecond(3))).containsExactly(read(3), read(4));
  }

  @Test
  void concurrentRecordersLoseNothingButTheOverflow() throws Exception {
    ServedLog log = new ServedLog(1_000);
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      writers.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 10_000; i++) {
          log.record(read(i));
        }
      }));
    }
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertThat(log.totalRecorded()).isEqualTo(40_000);
    assertThat(log.size()).isEqualTo(1_000);
  }

  @Test
  void servedReadValuesCannotBeChangedAfterwards() {
    Map<String, Double> values = new HashMap<>(Map.of("running", 1.0));
    ServedRead read = new ServedRead(Instant.EPOCH, "b", 1, 4, values);
    values.put("running", 0.0);
    assertThat(read.values()).containsEntry("running", 1.0);
    assertThatThrownBy(() -> read.values().put("x", 1.0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new ServedLog(0)).isInstanceOf(IllegalArgumentException.class);
  }
}

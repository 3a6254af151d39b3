package io.eoc.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A short, slow run of the real pipeline: the result has every field, points arrive once each,
 * and latencies are measured. Performance numbers are not asserted (shared 2-core machines).
 */
class IngestBenchmarkTest {
  @TempDir
  Path dir;

  @Test
  void aShortLowRateRunStoresEveryPointOnceAndReportsRateLatencyAndCopyBaseline() throws Exception {
    Path out = dir.resolve("result.json");
    StringWriter console = new StringWriter();
    int exit = new CommandLine(new IngestBenchmark()).setOut(new PrintWriter(console)).execute(
        "--agents", "1", "--devices", "2", "--tags", "10", "--rate", "2000", "--duration", "5", "--warmup", "2",
        "--batch-points", "500", "--data-dir", dir.resolve("data").toString(), "--out", out.toString());

    assertThat(exit).as(console.toString()).isZero();
    JsonNode r = new ObjectMapper().readTree(out.toFile());
    assertThat(r.at("/setup/agents").asInt()).isEqualTo(1);
    assertThat(r.at("/setup/series").asLong()).isEqualTo(20);
    assertThat(r.at("/setup/batchPoints").asInt()).isEqualTo(500);
    assertThat(r.at("/setup/machine/nproc").asInt()).isPositive();
    assertThat(r.at("/setup/machine/jvmFlags").isArray()).isTrue();
    assertThat(r.at("/throughput/pointsStoredInWindow").asLong()).isPositive();
    assertThat(r.at("/throughput/pointsStoredPerSecond").asLong()).isPositive();
    assertThat(r.at("/integrity/drained").asBoolean()).isTrue();
    assertThat(r.at("/integrity/lost").asLong()).isZero();
    assertThat(r.at("/integrity/duplicated").asLong()).isZero();
    assertThat(r.at("/integrity/pointsInPointsTable").asLong()).isEqualTo(r.at("/integrity/pointsAcknowledgedByCloud").asLong());
    for (String p : new String[] {"p50", "p99", "max"}) {
      assertThat(r.at("/latency/pointToCommitMs/" + p).isNumber()).as(p).isTrue();
      assertThat(r.at("/latency/pointToCommitLowerBoundMs/" + p).isNumber()).as(p).isTrue();
    }
    assertThat(r.at("/latency/pointToCommitMs/points").asLong()).isPositive();
    assertThat(r.at("/latency/pointToCommitMs/p99").asDouble())
        .isGreaterThanOrEqualTo(r.at("/latency/pointToCommitLowerBoundMs/p99").asDouble());
    assertThat(r.at("/resources/rssMaxMb").asLong()).isPositive();
    assertThat(r.at("/resources/processCpuCoresAvg").isNumber()).isTrue();
    assertThat(r.at("/resources/processCpuCoresByThreadGroup/loadGenerator").isNumber()).isTrue();
    assertThat(r.at("/resources/postgresCpuCoresAvg").isNumber()).as("PostgreSQL's processes were found").isTrue();
    assertThat(r.at("/resources/postgresPssMaxMb").asLong()).as("PostgreSQL's memory").isPositive();
    assertThat(r.at("/cost/cpuMicrosecondsPerStoredPoint").asDouble()).isPositive();
    for (String stage : new String[] {"pollToSealMs", "sealToReceivedByTransportMs", "receivedToWriteStartMs", "writeStartToCommitMs"}) {
      assertThat(r.at("/latency/stages/" + stage + "/p50").isNumber()).as(stage).isTrue();
    }
    assertThat(r.at("/copyBaseline/connections").asInt()).isEqualTo(2);
    assertThat(r.at("/copyBaseline/rows").asLong()).isEqualTo(r.at("/throughput/pointsStoredInWindow").asLong());
    assertThat(r.at("/copyBaseline/pointsPerSecond").asLong()).isPositive();
    assertThat(r.at("/pipelineToCopyRatio").isNumber()).isTrue();
    assertThat(r.at("/targets/pointsStoredPerSecondMet").isBoolean()).isTrue();
  }
}

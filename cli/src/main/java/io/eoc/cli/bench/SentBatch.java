package io.eoc.cli.bench;

/**
 * What the generator remembers of a batch it published, to turn its commit into point latencies:
 * the poll times (epoch microseconds) of its points and how many points each poll contributed,
 * and when it was sealed and handed to MQTT.
 *
 * @param measured whether the batch was sealed inside the measurement window
 */
record SentBatch(String agentId, long sequence, long[] pollMicros, int[] pollCounts, long sealedMicros, boolean measured) {
  SentBatch {
    if (pollMicros.length != pollCounts.length) {
      throw new IllegalArgumentException("poll times and counts differ in length");
    }
  }

  int points() {
    int n = 0;
    for (int c : pollCounts) {
      n += c;
    }
    return n;
  }
}

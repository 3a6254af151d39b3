package io.eoc.edge.outbox;

import java.util.SplittableRandom;

/** Payloads derived from the sequence alone, so a test can check content after a crash. */
final class TestPayloads {
  private TestPayloads() {}

  /** 1 to 1500 bytes, size and content fixed by the sequence. */
  static byte[] of(long sequence) {
    SplittableRandom random = new SplittableRandom(sequence);
    byte[] payload = new byte[1 + random.nextInt(1500)];
    random.nextBytes(payload);
    return payload;
  }

  static byte[] of(long sequence, int size) {
    byte[] payload = new byte[size];
    new SplittableRandom(sequence * 1_000_003L + size).nextBytes(payload);
    return payload;
  }
}

package io.eoc.edge.modbus;

import java.time.Duration;
import java.util.Objects;

/**
 * What one device's Modbus traffic looked like since the driver was created.
 *
 * @param requests requests sent (reads, writes and identification)
 * @param timeouts requests without an answer in time
 * @param ioErrors other transport failures (connection refused or lost, malformed answers)
 * @param exceptionResponses answers that were Modbus exception responses
 * @param connects connections opened
 * @param lastRoundTrip round-trip time of the last answered request; zero before the first
 * @param maxRoundTrip longest round-trip time of an answered request
 * @param meanRoundTrip mean round-trip time of answered requests
 */
public record ModbusStats(long requests, long timeouts, long ioErrors, long exceptionResponses, long connects,
    Duration lastRoundTrip, Duration maxRoundTrip, Duration meanRoundTrip) {
  public ModbusStats {
    Objects.requireNonNull(lastRoundTrip, "lastRoundTrip");
    Objects.requireNonNull(maxRoundTrip, "maxRoundTrip");
    Objects.requireNonNull(meanRoundTrip, "meanRoundTrip");
  }

  /** Counts behind {@link ModbusStats}; thread-safe, so stats never wait for a slow request. */
  static final class Counter {
    private long requests;
    private long timeouts;
    private long ioErrors;
    private long exceptions;
    private long connects;
    private long answered;
    private long lastNanos;
    private long maxNanos;
    private long totalNanos;

    synchronized void request() {
      requests++;
    }

    synchronized void answered(long nanos) {
      answered++;
      lastNanos = nanos;
      maxNanos = Math.max(maxNanos, nanos);
      totalNanos += nanos;
    }

    synchronized void exception(long nanos) {
      exceptions++;
      answered(nanos);
    }

    synchronized void failed(boolean timeout) {
      if (timeout) {
        timeouts++;
      } else {
        ioErrors++;
      }
    }

    synchronized void connected() {
      connects++;
    }

    synchronized ModbusStats snapshot() {
      return new ModbusStats(requests, timeouts, ioErrors, exceptions, connects, Duration.ofNanos(lastNanos),
          Duration.ofNanos(maxNanos), Duration.ofNanos(answered == 0 ? 0 : totalNanos / answered));
    }
  }
}

package io.eoc.wire;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo plant's data as the agent would ship it: one industrial boiler polled every second, five
 * tags per read sharing one microsecond timestamp, with poll jitter of a few milliseconds. Values
 * are made as the agent makes them: Modbus raw × scale in double arithmetic, float32 registers
 * widened to double.
 */
final class BoilerData {
  static final String DEVICE = "boiler-1";
  private final Random random;
  private final Instant start;
  private int pressureRaw = 130;        // uint16 × 0.01 MPa
  private int temperatureRaw = 1900;    // int16 × 0.1 °C
  private double fuel = 500;            // m³/h
  private boolean running = true;
  private long reads;

  BoilerData(long seed, Instant start) {
    this.random = new Random(seed);
    this.start = start;
  }

  /** The points of the next {@code seconds} one-second reads. */
  List<Point> next(int seconds) {
    List<Point> points = new ArrayList<>(seconds * 5);
    for (int i = 0; i < seconds; i++) {
      read(points);
    }
    return points;
  }

  private void read(List<Point> out) {
    // Fixed-rate schedule; the read lands 0.5-4.5 ms late, timestamped in microseconds.
    Instant t = start.plusSeconds(reads++).plus(Duration.ofNanos((500 + random.nextInt(4_000)) * 1_000L));
    pressureRaw = clamp(pressureRaw + step(0.15), 100, 160);
    temperatureRaw = clamp(temperatureRaw + step(0.4) + step(0.1), 1800, 2000);
    fuel = Math.max(300, Math.min(700, fuel + random.nextGaussian() * 2));
    if (random.nextInt(3600) == 0) {
      running = !running;
    }
    double fuelFlow = (float) (fuel + random.nextGaussian() * 5);
    double steamFlow = (float) (4 + (fuel - 300) / 80 + random.nextGaussian() * 0.05);
    out.add(Point.good(DEVICE, "steam_pressure", t, pressureRaw * 0.01));
    out.add(Point.good(DEVICE, "steam_temperature", t, temperatureRaw * 0.1));
    out.add(Point.good(DEVICE, "fuel_flow", t, fuelFlow));
    out.add(Point.good(DEVICE, "running", t, running ? 1 : 0));
    out.add(Point.good(DEVICE, "steam_flow", t, steamFlow));
  }

  /** -1, 0 or +1, moving with probability {@code p}. */
  private int step(double p) {
    return random.nextDouble() < p ? (random.nextBoolean() ? 1 : -1) : 0;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** One JSON object per point, as a naive uplink would send them. */
  static String json(Batch batch) {
    StringBuilder b = new StringBuilder(batch.size() * 110).append("{\"agent\":\"").append(batch.agentId())
        .append("\",\"sequence\":").append(batch.sequence()).append(",\"createdAt\":\"").append(batch.createdAt())
        .append("\",\"points\":[");
    for (int i = 0; i < batch.size(); i++) {
      Point p = batch.points().get(i);
      b.append(i == 0 ? "" : ",").append("{\"device\":\"").append(p.device()).append("\",\"tag\":\"").append(p.tag())
          .append("\",\"ts\":\"").append(p.timestamp()).append("\",\"value\":").append(p.value())
          .append(",\"quality\":\"").append(p.quality()).append("\"}");
    }
    return b.append("]}").toString();
  }
}

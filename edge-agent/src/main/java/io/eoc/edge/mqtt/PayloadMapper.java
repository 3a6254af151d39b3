package io.eoc.edge.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one MQTT payload into one point per configured tag. Malformed input becomes data (a bad
 * quality and a {@link PayloadProblem}), never an exception, as in Netty's {@code DecoderResult}.
 */
final class PayloadMapper {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The points of one message and the problem behind each non-good one. */
  record Mapped(List<Point> points, List<PayloadProblem> problems) {}

  private final String deviceId;
  private final List<MqttTag> tags;
  private final TimestampSpec timestamp;

  PayloadMapper(String deviceId, List<MqttTag> tags, TimestampSpec timestamp) {
    this.deviceId = deviceId;
    this.tags = List.copyOf(tags);
    this.timestamp = timestamp;
  }

  Mapped map(byte[] payload, Instant received) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      root = null;
    }
    List<Point> points = new ArrayList<>(tags.size());
    List<PayloadProblem> problems = new ArrayList<>();
    if (root == null || root.isMissingNode() || !root.isContainerNode()) {
      for (MqttTag tag : tags) {
        points.add(Point.bad(deviceId, tag.tag(), received, PayloadProblem.NOT_JSON.quality()));
        problems.add(PayloadProblem.NOT_JSON);
      }
      return new Mapped(points, problems);
    }
    Optional<Instant> ts = timestampOf(root, received);
    Instant at = ts.orElse(received);
    if (ts.isEmpty()) {
      problems.add(PayloadProblem.BAD_TIMESTAMP);
    }
    for (MqttTag tag : tags) {
      JsonNode field = root.at(tag.pointer());
      if (field.isMissingNode()) {
        points.add(Point.bad(deviceId, tag.tag(), at, PayloadProblem.MISSING_FIELD.quality()));
        problems.add(PayloadProblem.MISSING_FIELD);
        continue;
      }
      Optional<Double> raw = number(field);
      if (raw.isEmpty()) {
        points.add(Point.bad(deviceId, tag.tag(), at, PayloadProblem.NOT_A_NUMBER.quality()));
        problems.add(PayloadProblem.NOT_A_NUMBER);
        continue;
      }
      double value = raw.get() * tag.scale() + tag.offset();
      points.add(new Point(deviceId, tag.tag(), at, value, ts.isPresent() ? Quality.GOOD : Quality.UNCERTAIN));
    }
    return new Mapped(points, problems);
  }

  /** A number; true/false as 1/0; a text that parses as a finite number. */
  static Optional<Double> number(JsonNode field) {
    if (field.isNumber()) {
      return Optional.of(field.doubleValue()).filter(Double::isFinite);
    }
    if (field.isBoolean()) {
      return Optional.of(field.booleanValue() ? 1.0 : 0.0);
    }
    if (field.isTextual()) {
      try {
        return Optional.of(Double.parseDouble(field.textValue().trim())).filter(Double::isFinite);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private Optional<Instant> timestampOf(JsonNode root, Instant received) {
    if (timestamp.pointer().isEmpty()) {
      return Optional.of(received);
    }
    JsonNode field = root.at(timestamp.pointer().get());
    try {
      return switch (timestamp.format()) {
        case ISO -> field.isTextual() ? Optional.of(Instant.parse(field.textValue().trim())) : Optional.empty();
        case EPOCH_MS -> number(field).map(ms -> Instant.ofEpochMilli(ms.longValue()));
        case EPOCH_S -> number(field).map(PayloadMapper::ofEpochSeconds);
      };
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static Instant ofEpochSeconds(double seconds) {
    BigDecimal s = BigDecimal.valueOf(seconds);
    long whole = s.longValue();
    long nanos = s.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole, nanos);
  }
}

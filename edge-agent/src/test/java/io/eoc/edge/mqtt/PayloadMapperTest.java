package io.eoc.edge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import io.eoc.edge.filter.FilterConfig;
import io.eoc.wire.Point;
import io.eoc.wire.Quality;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadMapperTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-22T10:00:05Z");

  private static MqttTag tag(String name, String pointer) {
    return new MqttTag(name, JsonPointer.compile(pointer), "", 1, 0, FilterConfig.ANALOG);
  }

  private static PayloadMapper mapper(TimestampSpec.Format format) {
    return new PayloadMapper("d1", List.of(tag("a", "/v/a"), tag("b", "/v/b~1x")),
        new TimestampSpec(Optional.of(JsonPointer.compile("/t")), format));
  }

  private static List<Point> map(PayloadMapper m, String json) {
    return m.map(json.getBytes(StandardCharsets.UTF_8), RECEIVED).points();
  }

  @Test
  void booleansBecomeOneAndZeroAndNumericTextIsAccepted() {
    List<Point> points = map(mapper(TimestampSpec.Format.ISO),
        "{\"t\":\"2026-11-22T10:00:00.123Z\",\"v\":{\"a\":true,\"b/x\":\" 4.5 \"}}");
    assertThat(points).containsExactly(
        Point.good("d1", "a", Instant.parse("2026-11-22T10:00:00.123Z"), 1.0),
        Point.good("d1", "b", Instant.parse("2026-11-22T10:00:00.123Z"), 4.5));
  }

  @Test
  void epochMillisAndSecondsAreRead() {
    assertThat(map(mapper(TimestampSpec.Format.EPOCH_MS), "{\"t\":1795860000123,\"v\":{\"a\":1,\"b/x\":2}}").get(0).timestamp())
        .isEqualTo(Instant.ofEpochMilli(1795860000123L));
    assertThat(map(mapper(TimestampSpec.Format.EPOCH_S), "{\"t\":\"1795860000.5\",\"v\":{\"a\":1,\"b/x\":2}}").get(0).timestamp())
        .isEqualTo(Instant.ofEpochSecond(1795860000L, 500_000_000));
  }

  @Test
  void anUnreadableTimestampKeepsTheValuesAsUncertainAtReceiveTime() {
    PayloadMapper.Mapped mapped = mapper(TimestampSpec.Format.ISO).map(
        "{\"t\":\"yesterday\",\"v\":{\"a\":1,\"b/x\":\"abc\"}}".getBytes(StandardCharsets.UTF_8), RECEIVED);
    assertThat(mapped.points()).containsExactly(new Point("d1", "a", RECEIVED, 1, Quality.UNCERTAIN),
        Point.bad("d1", "b", RECEIVED, Quality.BAD_DEVICE_FAILURE));
    assertThat(mapped.problems()).containsExactly(PayloadProblem.BAD_TIMESTAMP, PayloadProblem.NOT_A_NUMBER);
  }
}

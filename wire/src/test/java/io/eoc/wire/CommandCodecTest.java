package io.eoc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CommandCodecTest {
  private static final Instant T = Instant.parse("2026-11-22T04:00:00.123456Z");
  private static final Command COMMAND = new Command("6f1c1b9e-9a53-4d1f-8a36-3c0c3f7b1a11", "pv-1", "power_limit", 55.5,
      T, T.plusSeconds(60), "otto");

  @Test
  void commandsAndResultsRoundTripExactly() throws Exception {
    assertThat(CommandCodec.decodeCommand(CommandCodec.encode(COMMAND))).isEqualTo(COMMAND);
    CommandResult applied = new CommandResult(COMMAND.id(), CommandResult.Status.APPLIED, "written", T.plusMillis(40),
        OptionalDouble.of(55.5));
    CommandResult refused = new CommandResult(COMMAND.id(), CommandResult.Status.REFUSED, "outside the remote limits",
        T.plusMillis(40), OptionalDouble.empty());
    assertThat(CommandCodec.decodeResult(CommandCodec.encode(applied))).isEqualTo(applied);
    assertThat(CommandCodec.decodeResult(CommandCodec.encode(refused))).isEqualTo(refused);
  }

  @Test
  void aResultWithAHugeDetailIsCutSoThatItCanStillBeSent() throws Exception {
    String huge = "\u0001".repeat(10_000); // escaped as JSON: six bytes each
    CommandResult r = new CommandResult(COMMAND.id(), CommandResult.Status.FAILED, huge, T, OptionalDouble.empty());
    assertThat(r.detail()).hasSize(CommandResult.MAX_DETAIL_CHARS).endsWith("… (10000 characters, cut)");
    assertThat(CommandCodec.decodeResult(CommandCodec.encode(r))).isEqualTo(r);
    String exact = "x".repeat(CommandResult.MAX_DETAIL_CHARS);
    assertThat(new CommandResult(COMMAND.id(), CommandResult.Status.FAILED, exact, T, OptionalDouble.empty()).detail())
        .isEqualTo(exact);
  }

  @Test
  void malformedCommandsAreRefusedWithTheFieldNamed() {
    String good = new String(CommandCodec.encode(COMMAND), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CommandCodec.decodeCommand("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedMessageException.class);
    assertThatThrownBy(() -> CommandCodec.decodeCommand(good.replace("\"tag\"", "\"tog\"").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedMessageException.class).hasMessageContaining("tog");
    assertThatThrownBy(() -> CommandCodec.decodeCommand(good.replace("55.5", "\"55.5\"").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedMessageException.class).hasMessageContaining("value");
    assertThatThrownBy(() -> CommandCodec.decodeCommand(good.replace(COMMAND.id(), "42").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedMessageException.class);
  }

  @Test
  void randomBytesNeverDecodeAndNeverThrowAnythingElse() {
    Random random = new Random(5);
    for (int i = 0; i < 2_000; i++) {
      byte[] junk = new byte[random.nextInt(200)];
      random.nextBytes(junk);
      assertThatThrownBy(() -> CommandCodec.decodeCommand(junk)).isInstanceOf(MalformedMessageException.class);
    }
  }
}

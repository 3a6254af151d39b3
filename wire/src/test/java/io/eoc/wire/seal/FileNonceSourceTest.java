package io.eoc.wire.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.wire.Batch;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNonceSourceTest {
  @TempDir Path dir;

  @Test
  void noNonceRepeatsAcrossThreeSimulatedRestartsOfASealer() throws Exception {
    AgentKeys keys = AgentKeys.generate(Suite.DEFAULT);
    CloudKeys cloud = CloudKeys.generate(Suite.DEFAULT);
    Path file = dir.resolve("nonce");
    FileNonceSource.create(file);
    TestClock clock = new TestClock(Instant.parse("2026-11-22T10:00:00Z"));
    Random random = new Random(12);
    List<String> nonces = new ArrayList<>();
    SealerState state = SealerState.fresh(clock.instant());
    long sequence = 0;
    for (int life = 0; life < 4; life++) {
      // Each life seals a few batches and then "crashes": the source is dropped without any
      // goodbye, its block half used, and a new one is opened from the file.
      BatchSealer sealer = new BatchSealer("agent-1", keys, cloud.publicKey(Suite.DEFAULT),
          FileNonceSource.open(file, 8), RotationPolicy.DEFAULT, clock, state);
      for (int i = 5 + random.nextInt(20); i > 0; i--) {
        byte[] envelope = sealer.seal(new Batch("agent-1", ++sequence, clock.instant(), List.of())).bytes();
        nonces.add(HexFormat.of().formatHex(BatchOpener.peek(envelope).nonce()));
      }
      state = sealer.state();
    }
    assertThat(new HashSet<>(nonces)).hasSameSizeAs(nonces);
    assertThat(nonces).hasSizeGreaterThan(20);
  }

  @Test
  void afterACrashTheCounterSkipsTheRestOfTheReservedBlock() throws Exception {
    Path file = dir.resolve("nonce");
    FileNonceSource first = FileNonceSource.create(file);
    assertThat(first.next()).isZero();
    assertThat(first.next()).isEqualTo(1);
    FileNonceSource second = FileNonceSource.open(file, 100);
    assertThat(second.next()).isEqualTo(FileNonceSource.DEFAULT_BLOCK);
    FileNonceSource third = FileNonceSource.open(file, 100);
    assertThat(third.next()).isEqualTo(FileNonceSource.DEFAULT_BLOCK + 100);
  }

  @Test
  void aLeftoverTemporaryFileFromACrashDuringReservationIsHarmless() throws Exception {
    Path file = dir.resolve("nonce");
    FileNonceSource.create(file).next();
    Files.write(dir.resolve("nonce.tmp"), new byte[] {1, 2, 3});
    FileNonceSource reopened = FileNonceSource.open(file);
    assertThat(reopened.next()).isEqualTo(FileNonceSource.DEFAULT_BLOCK);
    assertThat(FileNonceSource.open(file).next()).isEqualTo(2L * FileNonceSource.DEFAULT_BLOCK);
  }

  @Test
  void aMissingOrCorruptFileIsAnErrorNotAFreshStart() throws Exception {
    Path file = dir.resolve("nonce");
    assertThatThrownBy(() -> FileNonceSource.open(file)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("refusing to start over");
    FileNonceSource.create(file).next();
    assertThatThrownBy(() -> FileNonceSource.create(file)).isInstanceOf(FileAlreadyExistsException.class);
    byte[] bytes = Files.readAllBytes(file);
    bytes[5] ^= 1;
    Files.write(file, bytes);
    assertThatThrownBy(() -> FileNonceSource.open(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt nonce reservation file");
  }
}

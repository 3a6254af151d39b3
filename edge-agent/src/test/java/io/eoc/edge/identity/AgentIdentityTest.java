package io.eoc.edge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eoc.wire.seal.AgentKeys;
import io.eoc.wire.seal.CloudKeys;
import io.eoc.wire.seal.EnvelopeHash;
import io.eoc.wire.seal.SealerState;
import io.eoc.wire.seal.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentIdentityTest {
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  @TempDir
  Path dir;
  private IdentityFiles files;

  /** What enrolment leaves on disk: the agent's keys and the cloud's public key. */
  @BeforeEach
  void enrolled() throws Exception {
    files = IdentityFiles.in(dir.resolve("agent"));
    AgentKeys.generate(Suite.DEFAULT).save(files.keys());
    Path cloud = dir.resolve("cloud");
    CloudKeys.generate(Suite.DEFAULT).save(cloud);
    Files.copy(cloud.resolve(Suite.DEFAULT.label() + ".pub"), files.cloudKey());
  }

  @Test
  void theChainStateSavedIsTheOneLoadedAndNoTemporaryFileIsLeft() throws Exception {
    AgentIdentity identity = AgentIdentity.load("gw-1", dir.resolve("agent"));
    assertThat(identity.sealerState(T0)).isEqualTo(SealerState.fresh(T0));
    SealerState state = new SealerState(41, hash(1), 2, T0.plusSeconds(60), 7);
    SealerState later = new SealerState(42, hash(2), 2, T0.plusSeconds(60), 8);

    identity.saveSealerState(state);
    identity.saveSealerState(later);

    assertThat(AgentIdentity.load("gw-1", dir.resolve("agent")).sealerState(T0)).isEqualTo(later);
    try (var listing = Files.list(files.sealerState().getParent())) {
      assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  /** A sealing thread may be interrupted by a stopping agent; the state must still reach the disk. */
  @Test
  void theChainStateIsSavedOnAnInterruptedThreadAndTheInterruptIsKept() throws Exception {
    AgentIdentity identity = AgentIdentity.load("gw-1", dir.resolve("agent"));
    SealerState state = new SealerState(9, hash(9), 1, T0, 10);
    Thread.currentThread().interrupt();
    try {
      identity.saveSealerState(state);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(identity.sealerState(T0)).isEqualTo(state);
  }

  private static EnvelopeHash hash(int fill) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) fill);
    return EnvelopeHash.of(b);
  }

  @Test
  void anAgentWithoutKeysIsToldHowToEnrol() {
    assertThatThrownBy(() -> AgentIdentity.load("gw-2", dir.resolve("elsewhere")))
        .isInstanceOf(NotEnrolledException.class)
        .hasMessageContaining("eoc agent enroll").hasMessageContaining("eoc cloud token --agent gw-2");
  }
}

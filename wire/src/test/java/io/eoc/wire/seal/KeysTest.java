package io.eoc.wire.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeysTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Suite.class)
  void keysSavedAndLoadedStillSealAndOpen(Suite suite) throws Exception {
    AgentKeys.generate(suite).save(dir.resolve("agent"));
    CloudKeys.generate(suite).save(dir.resolve("cloud"));
    AgentKeys agent = AgentKeys.load(dir.resolve("agent"));
    CloudKeys cloud = CloudKeys.load(dir.resolve("cloud"));
    var cloudPublic = CloudKeys.readPublicKey(dir.resolve("cloud").resolve(suite.label() + ".pub"), suite);
    BatchSealer sealer = new BatchSealer("agent-1", agent, cloudPublic, new CountingNonces(), RotationPolicy.DEFAULT,
        new TestClock(Instant.EPOCH));
    byte[] envelope = sealer.seal(SealingTest.batch(1, 3)).bytes();
    AgentPublicKeys published = AgentPublicKeys.load("agent-1", dir.resolve("agent"));
    assertThat(new BatchOpener(cloud).open(envelope, published).batch().size()).isEqualTo(6);
    assertThat(AgentPublicKeys.fromDer("agent-1", suite, published.signingKeyDer(), published.agreementKeyDer()))
        .isEqualTo(published);
  }

  @Test
  void privateKeysAreReadableByTheOwnerOnlyAndNeverShownInToString() throws Exception {
    AgentKeys keys = AgentKeys.generate(Suite.DEFAULT);
    Path agent = dir.resolve("agent");
    keys.save(agent);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agent))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agent.resolve("signing.key"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agent.resolve("agreement.key"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(agent.resolve("signing.key"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
    String secret = Base64.getEncoder().encodeToString(keys.signingKey().getEncoded());
    assertThat(keys.toString()).isEqualTo("AgentKeys[x25519-ed25519-aes256gcm]").doesNotContain(secret);
    assertThat(CloudKeys.generate(Suite.DEFAULT).toString()).isEqualTo("CloudKeys[DEFAULT]");
  }

  @Test
  void savingOverExistingKeysIsRefused() throws Exception {
    assertThat(AgentKeys.existIn(dir)).isFalse();
    AgentKeys.generate(Suite.DEFAULT).save(dir);
    assertThat(AgentKeys.existIn(dir)).isTrue();
    assertThatThrownBy(() -> AgentKeys.generate(Suite.DEFAULT).save(dir)).isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void aKeyOfAnotherSuiteIsRefused() {
    AgentPublicKeys sm = AgentKeys.generate(Suite.SM).publicKeys("agent-1");
    AgentPublicKeys ed = AgentKeys.generate(Suite.DEFAULT).publicKeys("agent-1");
    assertThatThrownBy(() -> AgentPublicKeys.fromDer("agent-1", Suite.DEFAULT, sm.signingKeyDer(), sm.agreementKeyDer()))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> AgentPublicKeys.fromDer("agent-1", Suite.SM, ed.signingKeyDer(), ed.agreementKeyDer()))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> new AgentPublicKeys("agent-1", Suite.DEFAULT, ed.agreementKey(), ed.signingKey()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an Ed25519 key");
    assertThat(List.of(Suite.values())).extracting(Suite::id).doesNotHaveDuplicates();
  }
}

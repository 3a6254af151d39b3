package io.eoc.edge.testing;

import io.eoc.edge.identity.Enroller;
import io.eoc.wire.seal.CloudKeys;
import io.eoc.wire.seal.Suite;
import java.io.IOException;
import java.nio.file.Path;

/** Gives a test agent keys and a cloud key without a cloud (offline provisioning). */
public final class TestIdentity {
  private TestIdentity() {}

  public static CloudKeys provision(Path agentDataDir) throws IOException {
    CloudKeys cloud = CloudKeys.generate(Suite.DEFAULT);
    Enroller.provisionOffline(agentDataDir, Suite.DEFAULT, cloud.publicKey(Suite.DEFAULT).getEncoded());
    return cloud;
  }
}

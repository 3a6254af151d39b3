package io.eoc.edge.opcua;

import io.eoc.edge.config.TagSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the agent reaches one OPC UA server and which nodes it reads. Immutable; the password never
 * appears in {@link #toString()}.
 */
public record OpcUaSettings(String endpoint, Security security, Mode securityMode, Identity identity,
    Path pkiDir, ReadMode mode, Duration sampling, List<NodeSpec> nodes) {

  public enum Security { NONE, BASIC256SHA256, AES256_SHA256_RSAPSS }

  public enum Mode { NONE, SIGN, SIGN_AND_ENCRYPT }

  public enum ReadMode { SUBSCRIPTION, POLL }

  /** Anonymous, or a user name with a password (a secret: never printed). */
  public record Identity(Optional<String> username, String password) {
    public static final Identity ANONYMOUS = new Identity(Optional.empty(), "");

    public Identity {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return username.map(u -> "user " + u + " (password hidden)").orElse("anonymous");
    }
  }

  /** One node read as one tag; a deadband of 0 reports every change. */
  public record NodeSpec(TagSpec tag, String node, Deadband deadband) {
    public NodeSpec {
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(deadband, "deadband");
    }
  }

  /** A DataChangeFilter deadband (OPC UA Part 4 §7.22.2). */
  public record Deadband(boolean percent, double value) {
    public static final Deadband NONE = new Deadband(false, 0);
  }

  public OpcUaSettings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(securityMode, "securityMode");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(pkiDir, "pkiDir");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(sampling, "sampling");
    nodes = List.copyOf(nodes);
  }
}

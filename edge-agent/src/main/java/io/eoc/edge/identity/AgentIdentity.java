package io.eoc.edge.identity;

import io.eoc.wire.MalformedMessageException;
import io.eoc.wire.pki.AgentCredentials;
import io.eoc.wire.io.DurableFiles;
import io.eoc.wire.pki.TlsContexts;
import io.eoc.wire.seal.AgentKeys;
import io.eoc.wire.seal.CloudKeys;
import io.eoc.wire.seal.FileNonceSource;
import io.eoc.wire.seal.SealerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * An enrolled agent's keys: what it seals batches with, the cloud key it encrypts for, its nonce
 * source, its chain state, and (for mutual TLS) its client certificate.
 */
public final class AgentIdentity {
  private final String agentId;
  private final IdentityFiles files;
  private final AgentKeys keys;
  private final PublicKey cloudKey;
  private final Optional<AgentCredentials> tls;

  private AgentIdentity(String agentId, IdentityFiles files, AgentKeys keys, PublicKey cloudKey, Optional<AgentCredentials> tls) {
    this.agentId = agentId;
    this.files = files;
    this.keys = keys;
    this.cloudKey = cloudKey;
    this.tls = tls;
  }

  /** Loads what {@code eoc agent enroll} wrote; says what to do when the agent is not enrolled. */
  public static AgentIdentity load(String agentId, Path dataDir) throws IOException {
    IdentityFiles files = IdentityFiles.in(dataDir);
    if (!AgentKeys.existIn(files.keys()) || !Files.exists(files.cloudKey())) {
      throw new NotEnrolledException("agent '" + agentId + "' is not enrolled (no keys in " + files.root()
          + "): run `eoc agent enroll --config <file> --token <one-time token>` first; "
          + "the cloud operator issues the token with `eoc cloud token --agent " + agentId + "`");
    }
    AgentKeys keys = AgentKeys.load(files.keys());
    PublicKey cloudKey = CloudKeys.readPublicKey(files.cloudKey(), keys.suite());
    Optional<AgentCredentials> tls = Files.exists(files.tls()) ? Optional.of(AgentCredentials.load(files.tls())) : Optional.empty();
    return new AgentIdentity(agentId, files, keys, cloudKey, tls.filter(AgentCredentials::isIssued));
  }

  public String agentId() {
    return agentId;
  }

  public AgentKeys keys() {
    return keys;
  }

  public PublicKey cloudKey() {
    return cloudKey;
  }

  public FileNonceSource nonces() throws IOException {
    return FileNonceSource.open(files.nonce());
  }

  /** The TLS context with the agent's client certificate, if it enrolled with a certificate. */
  public Optional<SSLContext> tlsContext() {
    return tls.map(TlsContexts::agent);
  }

  /** The chain and epoch to continue from; a fresh chain when nothing was sealed yet. */
  public SealerState sealerState(Instant now) throws IOException {
    try {
      return SealerState.decode(Files.readAllBytes(files.sealerState()));
    } catch (NoSuchFileException e) {
      return SealerState.fresh(now);
    } catch (MalformedMessageException e) {
      throw new IOException(files.sealerState() + " is corrupt (" + e.getMessage() + "); the hash chain cannot "
          + "continue. Move the file away to start a new chain (the cloud will record a fork).", e);
    }
  }

  /**
   * Persists the chain state durably ({@link DurableFiles#replace}: write, fsync, atomic rename,
   * directory fsync). Called after sealing a batch and before storing it, so a sealed batch is
   * never linked from a state that was lost, not even by a power loss just after the rename.
   */
  public void saveSealerState(SealerState state) throws IOException {
    DurableFiles.replace(files.sealerState(), state.encode());
  }

  @Override
  public String toString() {
    return "AgentIdentity[" + agentId + ", suite " + keys.suite().label() + ", tls " + tls.isPresent() + "]";
  }
}

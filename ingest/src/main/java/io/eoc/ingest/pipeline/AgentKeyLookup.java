package io.eoc.ingest.pipeline;

import io.eoc.wire.seal.AgentPublicKeys;
import java.util.Optional;

/** Where the pipeline finds an agent's enrolled public keys. */
@FunctionalInterface
public interface AgentKeyLookup {
  Optional<AgentPublicKeys> keys(String agentId) throws Exception;
}

package io.eoc.ingest;

import io.eoc.config.ConfigNode;
import io.eoc.config.ConfigReader;
import io.eoc.ingest.enrol.Enrolment;
import io.eoc.wire.Names;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the agents' tokens: {@code agents: {agent-id: token}}. Tokens are secrets: they are never
 * part of an error message. Keep the file readable only by the cloud's user.
 */
public final class AgentTokens {
  static final int MIN_TOKEN_LENGTH = 16;

  private AgentTokens() {}

  public static Map<String, String> load(Path file) {
    ConfigReader reader = ConfigReader.open(file);
    ConfigNode root = reader.root().requireMapping();
    root.allowOnly("agents");
    ConfigNode agents = root.get("agents").requireMapping();
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String agent : agents.keys()) {
      ConfigNode entry = agents.get(agent);
      if (!Names.isValid(agent)) {
        entry.problem("'" + agent + "' is not a valid agent id; allowed: " + Names.rule());
      }
      if (Enrolment.isReserved(agent)) {
        entry.problem(Enrolment.reservedMessage(agent));
      }
      String token = entry.asString();
      if (token.length() < MIN_TOKEN_LENGTH) {
        entry.problem("token too short (at least " + MIN_TOKEN_LENGTH + " characters; use e.g. `openssl rand -hex 24`)");
      }
      tokens.put(agent, token);
    }
    if (tokens.isEmpty()) {
      root.problem("no agents listed under 'agents'");
    }
    reader.finish();
    return tokens;
  }
}

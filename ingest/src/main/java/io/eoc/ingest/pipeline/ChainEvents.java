package io.eoc.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Chain evidence events as JSON on {@link PipelineTopics#CHAIN_EVENTS}. */
public final class ChainEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChainEvents() {}

  /** A gap, late arrival, fork, replay or rejected envelope of one agent. */
  public record Event(String agentId, String kind, long sequence, String detail, Instant at) {}

  static byte[] encode(Event e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("agent", e.agentId());
    m.put("kind", e.kind());
    m.put("seq", e.sequence());
    m.put("detail", e.detail());
    m.put("at", e.at().toString());
    try {
      return JSON.writeValueAsBytes(m);
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  public static Event decode(byte[] bytes) throws IOException {
    JsonNode n = JSON.readTree(bytes);
    return new Event(n.path("agent").asText(), n.path("kind").asText(), n.path("seq").asLong(),
        n.path("detail").asText(), Instant.parse(n.path("at").asText()));
  }
}

package io.eoc.ingest.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the routes see it: method, decoded path, query parameters, body, and whether
 * it came from this machine (administrative routes accept only those).
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, byte[] body, boolean fromLoopback) {
  public ApiRequest {
    query = Map.copyOf(query);
    body = body == null ? new byte[0] : body;
  }

  public ApiRequest(String method, String path, Map<String, List<String>> query) {
    this(method, path, query, new byte[0], true);
  }

  public Optional<String> param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}

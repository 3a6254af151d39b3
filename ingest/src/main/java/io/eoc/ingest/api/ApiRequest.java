package io.eoc.ingest.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An HTTP request as the routes see it: method, decoded path, query parameters. */
public record ApiRequest(String method, String path, Map<String, List<String>> query) {
  public ApiRequest {
    query = Map.copyOf(query);
  }

  public Optional<String> param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}

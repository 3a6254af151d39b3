package io.eoc.ingest.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as the routes see it: method, decoded path, query parameters, body, headers (names
 * in lower case), the peer's address, whether it came from this machine (administrative routes
 * accept only those), and — once the {@link Gate} admitted it — who is calling.
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, byte[] body, boolean fromLoopback,
    Map<String, String> headers, String remoteAddress, Optional<Caller> caller) {
  public ApiRequest {
    query = Map.copyOf(query);
    body = body == null ? new byte[0] : body;
    headers = Map.copyOf(headers);
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(caller, "caller");
  }

  public ApiRequest(String method, String path, Map<String, List<String>> query, byte[] body, boolean fromLoopback) {
    this(method, path, query, body, fromLoopback, Map.of(), fromLoopback ? "127.0.0.1" : "unknown", Optional.empty());
  }

  public ApiRequest(String method, String path, Map<String, List<String>> query) {
    this(method, path, query, new byte[0], true);
  }

  public Optional<String> param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The token of an {@code Authorization: Bearer <token>} header. */
  public Optional<String> bearer() {
    return header("authorization").filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).trim())
        .filter(t -> !t.isEmpty());
  }

  /** The caller the gate established; a route behind {@link Access#OPEN} may have none. */
  public Caller requireCaller() {
    return caller.orElseThrow(() -> new IllegalStateException("route needs a caller but is registered as open: " + path));
  }

  public ApiRequest withCaller(Caller c) {
    return new ApiRequest(method, path, query, body, fromLoopback, headers, remoteAddress, Optional.of(c));
  }
}

package io.eoc.ingest.api;

import io.eoc.ingest.services.Refusal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to routes by path pattern and method; unknown paths and methods get clear
 * errors. Every route declares its {@link Access}, which the {@link Gate} enforces before it runs.
 */
public final class Router {
  private static final Logger log = LoggerFactory.getLogger(Router.class);
  // Keyed by the pattern's text: several methods on one path share one entry (Pattern has no equals).
  private final Map<String, Map<String, Guarded>> routes = new LinkedHashMap<>();
  private final Map<String, Pattern> patterns = new LinkedHashMap<>();
  private Gate gate = Gate.open();

  private record Guarded(Access access, Route route) {}

  /** Sets the gate every request passes (the default lets everything through). */
  public Router gate(Gate gate) {
    this.gate = Objects.requireNonNull(gate, "gate");
    return this;
  }

  /** An open GET route. {@code pattern} is a regular expression over the whole path, e.g. {@code /api/devices/([^/]+)/latest}. */
  public Router get(String pattern, Route route) {
    return add("GET", pattern, Access.OPEN, route);
  }

  public Router post(String pattern, Route route) {
    return add("POST", pattern, Access.OPEN, route);
  }

  public Router get(String pattern, Access access, Route route) {
    return add("GET", pattern, access, route);
  }

  public Router post(String pattern, Access access, Route route) {
    return add("POST", pattern, access, route);
  }

  public Router put(String pattern, Access access, Route route) {
    return add("PUT", pattern, access, route);
  }

  public Router delete(String pattern, Access access, Route route) {
    return add("DELETE", pattern, access, route);
  }

  private Router add(String method, String pattern, Access access, Route route) {
    patterns.computeIfAbsent(pattern, Pattern::compile);
    routes.computeIfAbsent(pattern, k -> new LinkedHashMap<>()).put(method, new Guarded(access, route));
    return this;
  }

  public ApiResponse dispatch(ApiRequest request) {
    for (Map.Entry<String, Map<String, Guarded>> e : routes.entrySet()) {
      Matcher m = patterns.get(e.getKey()).matcher(request.path());
      if (m.matches()) {
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        Guarded route = e.getValue().get(method);
        if (route == null) {
          return ApiResponse.error(405, request.method() + " is not allowed on " + request.path() + "; use "
              + String.join(" or ", e.getValue().keySet()));
        }
        List<String> groups = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
          groups.add(URLDecoder.decode(m.group(i), StandardCharsets.UTF_8));
        }
        return run(request, route, groups);
      }
    }
    return ApiResponse.error(404, "no such resource: " + request.path());
  }

  private ApiResponse run(ApiRequest request, Guarded route, List<String> groups) {
    try {
      return route.route().handle(gate.admit(request, route.access()), groups);
    } catch (Exception ex) {
      return failure(request, ex);
    }
  }

  /**
   * The answer to a request whose route failed: also used by the server for a streamed body that fails
   * before anything of it was sent.
   */
  static ApiResponse failure(ApiRequest request, Exception ex) {
    if (ex instanceof Refusal r) {
      return ApiResponse.error(r.status(), r.getMessage());
    }
    if (ex instanceof IllegalArgumentException) {
      return ApiResponse.error(400, ex.getMessage());
    }
    log.warn("request {} {} failed", request.method(), request.path(), ex);
    return ApiResponse.error(500, "internal error: " + ex.getMessage());
  }
}

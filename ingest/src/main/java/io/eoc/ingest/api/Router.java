package io.eoc.ingest.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dispatches GET requests to routes by path pattern; unknown paths and methods get clear errors. */
public final class Router {
  private static final Logger log = LoggerFactory.getLogger(Router.class);
  private final Map<Pattern, Map<String, Route>> routes = new LinkedHashMap<>();

  /** {@code pattern} is a regular expression over the whole path, e.g. {@code /api/devices/([^/]+)/latest}. */
  public Router get(String pattern, Route route) {
    return add("GET", pattern, route);
  }

  public Router post(String pattern, Route route) {
    return add("POST", pattern, route);
  }

  private Router add(String method, String pattern, Route route) {
    routes.computeIfAbsent(Pattern.compile(pattern), k -> new LinkedHashMap<>()).put(method, route);
    return this;
  }

  public ApiResponse dispatch(ApiRequest request) {
    for (Map.Entry<Pattern, Map<String, Route>> e : routes.entrySet()) {
      Matcher m = e.getKey().matcher(request.path());
      if (m.matches()) {
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        Route route = e.getValue().get(method);
        if (route == null) {
          return ApiResponse.error(405, request.method() + " is not allowed on " + request.path() + "; use "
              + String.join(" or ", e.getValue().keySet()));
        }
        List<String> groups = new ArrayList<>();
        for (int i = 1; i <= m.groupCount(); i++) {
          groups.add(URLDecoder.decode(m.group(i), StandardCharsets.UTF_8));
        }
        try {
          return route.handle(request, groups);
        } catch (IllegalArgumentException ex) {
          return ApiResponse.error(400, ex.getMessage());
        } catch (Exception ex) {
          log.warn("request {} {} failed", request.method(), request.path(), ex);
          return ApiResponse.error(500, "internal error: " + ex.getMessage());
        }
      }
    }
    return ApiResponse.error(404, "no such resource: " + request.path());
  }
}

package io.eoc.ingest.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Request bodies parsed into plain maps and lists at the boundary; malformed JSON is a 400 that says so. */
final class JsonBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonBody() {}

  static Map<String, Object> object(ApiRequest req) {
    try {
      Object v = JSON.readValue(req.body(), Object.class);
      if (!(v instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("request body must be a JSON object");
      }
      return JSON.convertValue(v, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new IllegalArgumentException("request body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** A JSON array of objects, or an object holding it under {@code field}. */
  static List<Map<String, Object>> objects(ApiRequest req, String field) {
    try {
      Object v = JSON.readValue(req.body(), Object.class);
      if (v instanceof Map<?, ?> m) {
        v = m.get(field);
      }
      if (!(v instanceof List<?> list) || !list.stream().allMatch(x -> x instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("request body must be a JSON array of objects, or {\"" + field + "\": [...]}");
      }
      return JSON.convertValue(v, new TypeReference<List<Map<String, Object>>>() {});
    } catch (IOException e) {
      throw new IllegalArgumentException("request body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  static String text(Map<String, Object> body, String field) {
    Object v = body.get(field);
    if (!(v instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException("field '" + field + "' is required (a non-empty string)");
    }
    return s;
  }
}

package io.eoc.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP response: status, content type, body. */
public record ApiResponse(int status, String contentType, byte[] body) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static ApiResponse json(int status, Object value) {
    try {
      return new ApiResponse(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  public static ApiResponse text(int status, String text) {
    return new ApiResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  public static ApiResponse html(String html) {
    return new ApiResponse(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON error that says what is wrong: {@code {"error": "...", "status": 404}}. */
  public static ApiResponse error(int status, String message) {
    return json(status, Map.of("status", status, "error", message));
  }
}

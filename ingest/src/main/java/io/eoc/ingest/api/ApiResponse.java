package io.eoc.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP response: status, content type, and either a body in memory or, for bodies too large for
 * that, a {@link BodyWriter} that the server streams in chunks ({@link #streamed}); a streamed response
 * has an empty {@code body}.
 */
public record ApiResponse(int status, String contentType, byte[] body, Optional<BodyWriter> stream) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ApiResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(stream, "stream");
    if (stream.isPresent() && body.length > 0) {
      throw new IllegalArgumentException("a streamed response has no body in memory");
    }
  }

  public ApiResponse(int status, String contentType, byte[] body) {
    this(status, contentType, body, Optional.empty());
  }

  /** A body written while it is sent, never held whole: {@code Transfer-Encoding: chunked}. */
  public static ApiResponse streamed(int status, String contentType, BodyWriter writer) {
    return new ApiResponse(status, contentType, new byte[0], Optional.of(writer));
  }

  /** This response with its body writer replaced; only for a streamed one. */
  public ApiResponse withStream(BodyWriter writer) {
    if (stream.isEmpty()) {
      throw new IllegalStateException("not a streamed response");
    }
    return streamed(status, contentType, writer);
  }

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

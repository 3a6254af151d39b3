package io.eoc.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * JSON for {@link Command} (downlink) and {@link CommandResult} (uplink). Strict: unknown or
 * missing fields, wrong types and invalid values are a {@link MalformedMessageException} that names
 * the field, never a partially filled record.
 */
public final class CommandCodec {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  private static final int MAX_BYTES = 4096;
  private static final Set<String> COMMAND_FIELDS = Set.of("id", "device", "tag", "value", "issuedAt", "expiresAt", "issuedBy");
  private static final Set<String> RESULT_FIELDS = Set.of("id", "status", "detail", "at", "readBack");

  private CommandCodec() {}

  public static byte[] encode(Command c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", c.id()).put("device", c.device()).put("tag", c.tag()).put("value", c.value())
        .put("issuedAt", c.issuedAt().toString()).put("expiresAt", c.expiresAt().toString()).put("issuedBy", c.issuedBy());
    return bytes(n);
  }

  public static byte[] encode(CommandResult r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", r.id()).put("status", r.status().name()).put("detail", r.detail()).put("at", r.at().toString());
    if (r.readBack().isPresent()) {
      n.put("readBack", r.readBack().getAsDouble());
    }
    return bytes(n);
  }

  public static Command decodeCommand(byte[] bytes) throws MalformedMessageException {
    JsonNode n = object(bytes, COMMAND_FIELDS);
    try {
      return new Command(text(n, "id"), text(n, "device"), text(n, "tag"), number(n, "value"),
          instant(n, "issuedAt"), instant(n, "expiresAt"), text(n, "issuedBy"));
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("invalid command: " + e.getMessage(), 0);
    }
  }

  public static CommandResult decodeResult(byte[] bytes) throws MalformedMessageException {
    JsonNode n = object(bytes, RESULT_FIELDS);
    String status = text(n, "status");
    try {
      return new CommandResult(text(n, "id"), CommandResult.Status.valueOf(status.toUpperCase(Locale.ROOT)),
          text(n, "detail"), instant(n, "at"), n.has("readBack") ? OptionalDouble.of(number(n, "readBack")) : OptionalDouble.empty());
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("invalid command result: " + e.getMessage(), 0);
    }
  }

  private static byte[] bytes(ObjectNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot happen for a tree of strings and numbers", e);
    }
  }

  private static JsonNode object(byte[] bytes, Set<String> fields) throws MalformedMessageException {
    if (bytes.length > MAX_BYTES) {
      throw new MalformedMessageException("message of " + bytes.length + " bytes exceeds the limit of " + MAX_BYTES, MAX_BYTES);
    }
    JsonNode n;
    try {
      n = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new MalformedMessageException("not JSON: " + e.getMessage().lines().findFirst().orElse(""), 0);
    }
    if (n == null || !n.isObject()) {
      throw new MalformedMessageException("expected a JSON object", 0);
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        throw new MalformedMessageException("unknown field '" + f + "'; allowed: " + fields, 0);
      }
    }
    return n;
  }

  private static String text(JsonNode n, String field) throws MalformedMessageException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new MalformedMessageException("field '" + field + "' must be a string", 0);
    }
    return v.asText();
  }

  private static double number(JsonNode n, String field) throws MalformedMessageException {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new MalformedMessageException("field '" + field + "' must be a number", 0);
    }
    return v.asDouble();
  }

  private static Instant instant(JsonNode n, String field) throws MalformedMessageException {
    String s = text(n, field);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new MalformedMessageException("field '" + field + "' must be an ISO-8601 instant, not '" + s + "'", 0);
    }
  }
}
